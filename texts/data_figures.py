"""Strings of the data figures (viz/data_figures.py, viz/boundary.py, viz/digits_figures.py): titles, axis
titles, legends, hover texts."""

from __future__ import annotations

DATA_FIGURE_STRINGS: dict[str, dict[str, str]] = {
    # the decision boundary over the input plane (viz/boundary.py)
    "df_boundary_title": {"en": "What the network predicts", "zh": "网络的预测"},
    "df_curve_title": {"en": "The network's output against the input", "zh": "网络输出随输入的变化"},
    "df_train": {"en": "training set", "zh": "训练集"},
    "df_test": {"en": "test set", "zh": "测试集"},
    "df_misclassified": {"en": "misclassified", "zh": "分错的样本"},
    "df_boundary": {"en": "decision boundary", "zh": "决策边界"},
    "df_prediction": {"en": "prediction", "zh": "预测"},
    "df_class": {"en": "class {c}", "zh": "类别 {c}"},
    "df_prob": {"en": "P({c})", "zh": "P({c})"},
    "df_output": {"en": "network output a", "zh": "网络输出 a"},
    "df_target": {"en": "target y", "zh": "目标 y"},
    "df_true": {"en": "true", "zh": "真实"},
    "df_predicted": {"en": "predicted", "zh": "预测"},
    "df_sample": {"en": "sample {i}", "zh": "第 {i} 个样本"},
    "df_confidence_note": {
        "en": "Colour: the predicted class; the deeper the colour, the surer the network",
        "zh": "颜色：预测的类别；颜色越深，网络越有把握",
    },
    # what each hidden neuron computes (viz/boundary.py)
    "df_neurons_title": {
        "en": "What each hidden neuron computes over the input plane",
        "zh": "每个隐藏神经元在输入平面上的输出",
    },
    "df_act_bar": {"en": "a ({act})", "zh": "a（{act}）"},
    # digit images, hidden-layer weights (viz/digits_figures.py)
    "df_digits_title": {"en": "Samples", "zh": "样本"},
    "df_true_pred": {"en": "true {t} →\npredicted {p}", "zh": "真实 {t} →\n预测 {p}"},
    "df_shown_of": {"en": "the first {n} of {total}", "zh": "共 {total} 个，显示前 {n} 个"},
    "df_image": {"en": "image {i}", "zh": "第 {i} 张图"},
    "df_pixel_col": {"en": "pixel column", "zh": "像素列"},
    "df_pixel_row": {"en": "pixel row", "zh": "像素行"},
    "df_weights_title": {
        "en": "Each hidden unit's weights W¹ as an image",
        "zh": "每个隐藏单元的输入权重 W¹（图像）",
    },
    "df_weight": {"en": "weight w", "zh": "权重 w"},
    # confusion matrix and learning curves (viz/data_figures.py)
    "df_confusion_title": {
        "en": "Confusion matrix: {correct} of {n} right",
        "zh": "混淆矩阵：{n} 个中对了 {correct} 个",
    },
    "df_true_class": {"en": "true class", "zh": "真实类别"},
    "df_pred_class": {"en": "predicted class", "zh": "预测类别"},
    "df_count": {"en": "count", "zh": "个数"},
    "df_curves_title": {"en": "Learning curves", "zh": "学习曲线"},
    "df_epoch": {"en": "epoch", "zh": "训练轮次"},
    "df_cost": {"en": "cost J", "zh": "代价 J"},
    "df_accuracy": {"en": "accuracy (%)", "zh": "准确率（%）"},
    "df_cost_of": {"en": "{split} cost", "zh": "{split}代价"},
    "df_accuracy_of": {"en": "{split} accuracy", "zh": "{split}准确率"},
}
