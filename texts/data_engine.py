"""Strings of the data layer (engine/datasets.py, engine/csvdata.py): data-set names and every data error, by key.

"data_err_<key>" is the message of DataError(key); its English is engine.datasets.MESSAGES[key] and both
languages take the same {fields} (a test checks), so a page shows str(e) or t(f"data_err_{e.key}", lang, **e.fields).
"""

from __future__ import annotations

DATA_ENGINE_STRINGS: dict[str, dict[str, str]] = {
    # data sets
    "ds_moons": {"en": "Two moons", "zh": "双月"},
    "ds_circles": {"en": "Circles", "zh": "同心圆"},
    "ds_xor": {"en": "XOR (four clusters)", "zh": "异或 XOR（四个团）"},
    "ds_blobs": {"en": "Blobs (3 classes)", "zh": "高斯团（3 类）"},
    "ds_spiral": {"en": "Spiral (3 arms)", "zh": "螺旋（3 条臂）"},
    "ds_regression_1d": {"en": "Regression 1-D: y = sin x", "zh": "一维回归：y = sin x"},
    "ds_regression_2d": {"en": "Regression 2-D: y = sin x₁ · cos x₂", "zh": "二维回归：y = sin x₁ · cos x₂"},
    "ds_digits": {"en": "Handwritten digits (8×8)", "zh": "手写数字（8×8）"},
    "ds_iris": {"en": "Iris flowers", "zh": "鸢尾花"},
    "ds_wine": {"en": "Wine", "zh": "葡萄酒"},
    "ds_csv": {"en": "Your CSV file", "zh": "你的 CSV 文件"},
    "ds_task_binary": {"en": "binary classification", "zh": "二分类"},
    "ds_task_multiclass": {"en": "multiclass classification", "zh": "多分类"},
    "ds_task_regression": {"en": "regression", "zh": "回归"},
    # data errors: data sets and links
    "data_err_unknown_dataset": {
        "en": "unknown data set {name}; the data sets are {names}",
        "zh": "没有名为 {name} 的数据集；可用的数据集有 {names}",
    },
    "data_err_bad_n": {
        "en": "n is {value}, expected a whole number of samples from {lo} to {hi}",
        "zh": "n 为 {value}，样本数应为 {lo} 到 {hi} 之间的整数",
    },
    "data_err_bad_noise": {
        "en": "noise is {value}, expected a number from 0 to 1",
        "zh": "noise 为 {value}，噪声应为 0 到 1 之间的数",
    },
    "data_err_bad_seed": {
        "en": "seed is {value}, expected a whole number from 0 to {hi}",
        "zh": "seed 为 {value}，随机种子应为 0 到 {hi} 之间的整数",
    },
    "data_err_bad_test_fraction": {
        "en": "the test split is {value}, expected a fraction from 0 to {hi}",
        "zh": "测试集比例为 {value}，应为 0 到 {hi} 之间的比例",
    },
    "data_err_bad_standardize": {
        "en": "standardize is {value}, expected true or false",
        "zh": "standardize 为 {value}，应为 true 或 false",
    },
    "data_err_bad_ref": {
        "en": "the data recipe is {value}, expected an object like {{'name': 'moons', 'seed': 0}}",
        "zh": "数据配方为 {value}，应为形如 {{'name': 'moons', 'seed': 0}} 的对象",
    },
    "data_err_ref_missing": {"en": "the data recipe has no {field}", "zh": "数据配方缺少 {field}"},
    "data_err_ref_field": {
        "en": "the data recipe has an unknown field {field}; for {name} the fields are {fields}",
        "zh": "数据配方有未知字段 {field}；{name} 的字段为 {fields}",
    },
    "data_err_ref_csv": {
        "en": "an uploaded CSV file cannot be rebuilt from a link; load the file again",
        "zh": "上传的 CSV 文件无法从链接重建，请重新载入该文件",
    },
    "data_err_budget": {
        "en": "the network {widths} with {m} training samples is over this app's work budget: {values} values per "
        "quantity (limit {max_values}) and {multiply_adds} multiply-adds a pass (limit {max_multiply_adds}); "
        "use fewer samples or narrower hidden layers",
        "zh": "网络 {widths} 配 {m} 个训练样本超出了本应用的计算预算：每个量 {values} 个数值（上限 {max_values}），"
        "每次传播 {multiply_adds} 次乘加（上限 {max_multiply_adds}）；请减少样本或把隐藏层调窄",
    },
    # data errors: a config that does not fit the data (the command line)
    "data_err_config_inputs": {
        "en": "the data has {features} features but layers[0] is {width}; set layers[0] to {features}",
        "zh": "数据有 {features} 个特征，但 layers[0] 为 {width}；请把 layers[0] 设为 {features}",
    },
    "data_err_config_outputs": {
        "en": "the target {target} needs {n_out} output neuron(s), but layers[-1] is {width}",
        "zh": "目标列 {target} 需要 {n_out} 个输出神经元，但 layers[-1] 为 {width}",
    },
    "data_err_config_output": {
        "en": "the target {target} needs an output layer of {wanted}, but the config has {act} with {loss}",
        "zh": "目标列 {target} 需要 {wanted} 的输出层，但配置中是 {act} 配 {loss}",
    },
    # data errors: CSV files
    "data_err_not_bytes": {
        "en": "the CSV data is {value}, expected the file's bytes",
        "zh": "CSV 数据为 {value}，应为文件的字节内容",
    },
    "data_err_too_big": {
        "en": "the file is {size} bytes, more than the {limit} allowed",
        "zh": "文件有 {size} 字节，超过了允许的 {limit} 字节",
    },
    "data_err_empty": {"en": "the file is empty", "zh": "文件是空的"},
    "data_err_not_utf8": {
        "en": "the file is not UTF-8 text: byte {offset} (row {row}) cannot be read; save it as UTF-8 CSV",
        "zh": "文件不是 UTF-8 文本：第 {offset} 字节（第 {row} 行）无法读取；请另存为 UTF-8 编码的 CSV",
    },
    "data_err_csv_syntax": {
        "en": "row {row}: the CSV cannot be read ({detail})",
        "zh": "第 {row} 行：无法读取 CSV（{detail}）",
    },
    "data_err_header_only": {
        "en": "the file has a header row but no data rows",
        "zh": "文件只有表头，没有数据行",
    },
    "data_err_too_many_columns": {
        "en": "the file has {columns} columns; at most {limit} features (plus the target) are allowed",
        "zh": "文件有 {columns} 列；最多允许 {limit} 个特征（另加目标列）",
    },
    "data_err_too_many_rows": {
        "en": "the file has more than {limit} data rows",
        "zh": "文件的数据行超过 {limit} 行",
    },
    "data_err_duplicate_column": {
        "en": "columns {first} and {second} are both named {column}; column names must differ",
        "zh": "第 {first} 列和第 {second} 列都叫 {column}；列名不能重复",
    },
    "data_err_unknown_target": {
        "en": "there is no column {target}; the columns are {columns}",
        "zh": "没有名为 {target} 的列；现有的列为 {columns}",
    },
    "data_err_no_features": {
        "en": "the file has only the target column {column}; it needs at least one feature column",
        "zh": "文件只有目标列 {column}；至少还需要一个特征列",
    },
    "data_err_row_length": {
        "en": "row {row} has {found} fields, but the first row has {expected}",
        "zh": "第 {row} 行有 {found} 个字段，但第一行有 {expected} 个",
    },
    "data_err_long_row": {
        "en": "row {row} has more than {limit} fields; at most {features} features (plus the target) are allowed",
        "zh": "第 {row} 行的字段超过 {limit} 个；最多允许 {features} 个特征（另加目标列）",
    },
    "data_err_missing": {
        "en": "row {row}, column {column}: the value is missing",
        "zh": "第 {row} 行，列 {column}：缺少数值",
    },
    "data_err_not_number": {
        "en": "row {row}, column {column}: {value} is not a number",
        "zh": "第 {row} 行，列 {column}：{value} 不是数字",
    },
    "data_err_not_finite": {
        "en": "row {row}, column {column}: {value} is not a finite number",
        "zh": "第 {row} 行，列 {column}：{value} 不是有限的数",
    },
    "data_err_few_rows": {
        "en": "the file has {rows} data row(s); at least {minimum} are needed",
        "zh": "文件只有 {rows} 行数据；至少需要 {minimum} 行",
    },
    "data_err_bad_task": {
        "en": "the task is {value}, expected auto, classification or regression",
        "zh": "任务为 {value}，应为 auto、classification 或 regression",
    },
    "data_err_one_class": {
        "en": "column {column} holds one class only ({label}); a classifier needs at least two",
        "zh": "列 {column} 只有一个类别（{label}）；分类至少需要两个类别",
    },
    "data_err_few_samples": {
        "en": "column {column}: class {label} has {count} sample(s), too few to split into training and test "
        "(at least {minimum}); remove it or use a test split of 0",
        "zh": "列 {column}：类别 {label} 只有 {count} 个样本，不够分到训练集和测试集（至少 {minimum} 个）；"
        "请删去该类别，或把测试集比例设为 0",
    },
    "data_err_too_many_classes": {
        "en": "column {column} has {count} classes, more than the {limit} output neurons allowed",
        "zh": "列 {column} 有 {count} 个类别，超过了允许的 {limit} 个输出神经元",
    },
    "data_err_scale_overflow": {
        "en": "column {column}: its values span too wide a range to standardise",
        "zh": "列 {column}：数值跨度太大，无法标准化",
    },
}
