"""Every user-visible string, in English and Simplified Chinese. Pure: no streamlit here.

Below both viz/ (figures) and ui/ (pages): the figure builders and the pages read the same strings, and
the figure layer imports nothing from the UI layer.
"""

from __future__ import annotations

LANGS = {"en": "English", "zh": "简体中文"}

STRINGS: dict[str, dict[str, str]] = {
    # app shell
    "app_title": {"en": "Backprop Explorer", "zh": "反向传播探索器"},
    "app_tagline": {
        "en": "Build a small network, run one forward and one backward pass, and watch δ flow back with every number.",
        "zh": "搭一个小网络，做一次前向传播和一次反向传播，看误差项 δ 带着每个数字逐层往回传。",
    },
    "page_explorer": {"en": "Explorer", "zh": "探索器"},
    "page_chain_rule": {"en": "Chain rule", "zh": "链式法则"},
    "page_matrices": {"en": "Matrices & Jacobians", "zh": "矩阵与雅可比"},
    "page_gradient_check": {"en": "Gradient check", "zh": "梯度检验"},
    "page_batches": {"en": "Batches & L2", "zh": "批量与 L2 正则"},
    "page_experiments": {"en": "Experiments", "zh": "实验"},
    "page_training": {"en": "Training", "zh": "训练"},
    # sidebar builder
    "language": {"en": "Language", "zh": "语言"},
    "notation": {"en": "Notation", "zh": "记号"},
    "notation_lee": {"en": "Wˡ, a⁰ = x (Hung-yi Lee)", "zh": "Wˡ，a⁰ = x（李宏毅）"},
    "notation_ng": {"en": "Θ⁽ˡ⁾, layers from 1 (Andrew Ng)", "zh": "Θ⁽ˡ⁾，层从 1 开始（吴恩达）"},
    "preset": {"en": "Preset", "zh": "预设网络"},
    "preset_ng_3443": {"en": "Ng 3-4-4-3, sigmoid + cross-entropy", "zh": "吴恩达 3-4-4-3，sigmoid + 交叉熵"},
    "preset_testnet_342": {"en": "TestNet 3-4-2, ReLU + softmax", "zh": "TestNet 3-4-2，ReLU + softmax"},
    "preset_ng_4layer": {"en": "Ng 4-layer 3-5-5-4, m = 3, λ = 1", "zh": "吴恩达四层 3-5-5-4，m = 3，λ = 1"},
    "preset_xor_221": {"en": "XOR 2-2-1, tanh", "zh": "异或 XOR 2-2-1，tanh"},
    "preset_zero_init": {"en": "Failure: zero init (symmetry) 3-4-4-3", "zh": "反例：全零初始化（对称性）3-4-4-3"},
    "preset_saturated_sigmoid": {
        "en": "Failure: saturated sigmoid (x not scaled)",
        "zh": "反例：sigmoid 饱和（输入没有缩放）",
    },
    "preset_dead_relu": {"en": "Failure: dead ReLU 3-6-6-2", "zh": "反例：死亡 ReLU 3-6-6-2"},
    "preset_vanishing_sigmoid": {
        "en": "Failure: vanishing gradients, 6 sigmoid layers",
        "zh": "反例：梯度消失，6 层 sigmoid",
    },
    "preset_divergent_lr": {"en": "Failure: a learning rate that diverges", "zh": "反例：学习率过大而发散"},
    "preset_custom": {"en": "Custom (your own)", "zh": "自定义"},
    "structure": {"en": "Structure", "zh": "结构"},
    "hidden_layers": {"en": "Hidden layers", "zh": "隐藏层数"},
    "width_input": {"en": "Inputs (layer {n})", "zh": "输入个数（第 {n} 层）"},
    "width_hidden": {"en": "Neurons in hidden layer {n}", "zh": "隐藏层 {n} 的神经元数"},
    "width_output": {"en": "Outputs (layer {n})", "zh": "输出个数（第 {n} 层）"},
    "activation_hidden": {"en": "Activation of hidden layer {n}", "zh": "隐藏层 {n} 的激活函数"},
    "output_loss": {"en": "Output activation + loss", "zh": "输出激活 + 损失函数"},
    "data": {"en": "Data", "zh": "数据"},
    "samples": {"en": "Batch size m", "zh": "样本数 m"},
    "sample_shown": {"en": "Sample shown", "zh": "显示第几个样本"},
    "input_x": {"en": "x{n}", "zh": "x{n}"},
    "target_y": {"en": "y{n}", "zh": "y{n}"},
    "target_class": {"en": "Target class", "zh": "目标类别"},
    "target_is_distribution": {
        "en": "This sample's target is a distribution {y}; picking a class replaces it with a one-hot target.",
        "zh": "该样本的目标是一个分布 {y}；选择类别会把它换成 one-hot 目标。",
    },
    "l2": {"en": "L2 strength λ", "zh": "L2 正则强度 λ"},
    "init": {"en": "Initialisation", "zh": "初始化"},
    "init_scheme": {"en": "Scheme", "zh": "方式"},
    "init_seed": {"en": "Seed", "zh": "随机种子"},
    "init_value": {"en": "Value", "zh": "数值"},
    "new_weights": {"en": "New random weights", "zh": "重新随机生成权重"},
    "edit_weights": {"en": "Edit weights and biases", "zh": "手动编辑权重和偏置"},
    "edit_weights_help": {
        "en": "Type any number; rows are the neurons of layer {l}, columns the neurons of layer {p}, the last "
        "column is the bias.",
        "zh": "可以输入任意数字；行是第 {l} 层的神经元，列是第 {p} 层的神经元，最后一列是偏置。",
    },
    "save_share": {"en": "Save and share", "zh": "保存与分享"},
    "share_link": {
        "en": "The page's address always holds this network, the page, the language and the frame: share it.",
        "zh": "网页地址始终记录着这个网络、当前页面、语言和帧：直接分享地址即可。",
    },
    "copy_link": {"en": "Copy the link", "zh": "复制链接"},
    "link_copied": {"en": "Copied.", "zh": "已复制。"},
    "link_too_big": {
        "en": "This network is too big for a link (an address holds about 100 KB). Download the config below and share the file.",
        "zh": "这个网络太大，放不进链接（一个网址最多约 100 KB）。请下载下面的配置文件，分享这个文件。",
    },
    "download": {"en": "Download config (JSON)", "zh": "下载配置（JSON）"},
    "upload": {"en": "Open a config file (JSON, up to 1 MB)", "zh": "打开配置文件（JSON，最大 1 MB）"},
    "loaded_file": {"en": "Opened {name}.", "zh": "已打开 {name}。"},
    "bad_file": {
        "en": "Could not open {name}: {err}. Your network is unchanged.",
        "zh": "无法打开 {name}：{err}。当前网络保持不变。",
    },
    "bad_link": {
        "en": "This link could not be opened ({err}); showing the default network instead.",
        "zh": "无法打开这个链接（{err}）；改为显示默认网络。",
    },
    "bad_preset": {
        "en": "There is no preset called {name!r}; showing the default network.",
        "zh": "没有名为 {name!r} 的预设；改为显示默认网络。",
    },
    "bad_value": {"en": "That change was not applied: {err}", "zh": "这次修改没有生效：{err}"},
    "presentation": {"en": "Presentation mode (large text)", "zh": "演示模式（大字）"},
    # explorer
    "color_nodes_by": {"en": "Colour neurons by", "zh": "神经元颜色表示"},
    "q_a": {"en": "activation a", "zh": "激活值 a"},
    "q_z": {"en": "weighted input z", "zh": "加权输入 z"},
    "q_gp": {"en": "slope g′(z)", "zh": "斜率 g′(z)"},
    "q_delta": {"en": "error term δ", "zh": "误差项 δ"},
    "color_edges_by": {"en": "Colour edges by", "zh": "连线颜色表示"},
    "e_dW": {"en": "gradient ∂J/∂w", "zh": "梯度 ∂J/∂w"},
    "e_W": {"en": "weight w", "zh": "权重 w"},
    "speed": {"en": "Animation: ms per frame", "zh": "动画：每帧毫秒数"},
    "tab_animation": {"en": "Animation", "zh": "动画"},
    "tab_steps": {"en": "Step by step", "zh": "逐步讲解"},
    "tab_table": {"en": "Every value", "zh": "全部数值"},
    "play": {"en": "▶ Play", "zh": "▶ 播放"},
    "pause": {"en": "❚❚ Pause", "zh": "❚❚ 暂停"},
    "frame": {"en": "Frame: ", "zh": "帧："},
    "prev": {"en": "◀ Previous", "zh": "◀ 上一步"},
    "next": {"en": "Next ▶", "zh": "下一步 ▶"},
    "precision": {"en": "Significant digits", "zh": "有效数字位数"},
    "edge_numbers": {"en": "Numbers on the edges", "zh": "在连线上标出数值"},
    "edge_numbers_help": {
        "en": "Print each weight's value on its edge: w while the forward pass runs, ∂J/∂w once δ has reached it. For networks of up to {n} weights.",
        "zh": "在每条连线上标出该权重的数值：前向传播时为 w，δ 传到后为 ∂J/∂w。适用于不超过 {n} 个权重的网络。",
    },
    "grad_scale": {"en": "δ and ∂J/∂w colours", "zh": "δ 与 ∂J/∂w 的颜色"},
    "grad_scale_log": {"en": "log", "zh": "对数"},
    "grad_scale_linear": {"en": "linear", "zh": "线性"},
    "grad_scale_help": {
        "en": "Log (symmetric): small gradients of early layers still show their colour; the colour bar marks the decades. Linear: one scale for every layer, so you can see gradients vanish.",
        "zh": "对数（对称）：前面几层很小的梯度也能看出颜色，色条标出数量级。线性：所有层用同一刻度，可以看出梯度消失。",
    },
    "legend_scale_log": {
        "en": "δ and ∂J/∂w on a symmetric log scale: every layer readable, values below 5 % of a layer's largest fade to grey",
        "zh": "δ 与 ∂J/∂w 用对称对数刻度：每一层都看得清，小于该层最大值 5% 的数值趋近灰色",
    },
    "legend_scale_linear": {
        "en": "δ and ∂J/∂w on one linear scale: small gradients look grey (as they are next to the largest)",
        "zh": "δ 与 ∂J/∂w 用同一线性刻度：小梯度看起来是灰色（与最大的相比确实很小）",
    },
    "learning_rate": {"en": "Learning rate α", "zh": "学习率 α"},
    "general_formula": {"en": "The formula", "zh": "通式"},
    "with_numbers": {"en": "With this network's numbers (sample {s})", "zh": "代入本网络的数值（第 {s} 个样本）"},
    "loss_is": {"en": "Cost J = {J}", "zh": "代价 J = {J}"},
    "legend_edges_dW": {
        "en": "Edge colour: ∂J/∂w (blue −, grey 0, red +) · width: |w|",
        "zh": "连线颜色：∂J/∂w（蓝为负，灰为 0，红为正）· 粗细：|w|",
    },
    "legend_edges_W": {
        "en": "Edge colour: w (blue −, grey 0, red +) · width: |w|",
        "zh": "连线颜色：w（蓝为负，灰为 0，红为正）· 粗细：|w|",
    },
    "legend_nodes": {"en": "Neuron colour: {q}", "zh": "神经元颜色：{q}"},
    "layer_input": {"en": "input", "zh": "输入层"},
    "layer_hidden": {"en": "hidden {n}", "zh": "隐藏层 {n}"},
    "layer_output": {"en": "output", "zh": "输出层"},
    "hover_input": {"en": "input: no z, no δ", "zh": "输入：没有 z，也没有 δ"},
    "big_net_note": {
        "en": "{edges:,} weights: edges are drawn without hover markers; hover the neurons, or use the table.",
        "zh": "共 {edges:,} 个权重：连线不带悬停标记；请悬停在神经元上，或查看表格。",
    },
    "too_many_edges": {
        "en": "{edges:,} weights are too many to draw one by one: each layer shows its {per:,} strongest gradients |∂J/∂w|.",
        "zh": "共 {edges:,} 个权重，无法逐条绘制：每层只画出梯度 |∂J/∂w| 最大的 {per:,} 条。",
    },
    "table_cut": {
        "en": "Showing the first {n:,} of {total:,} rows; the CSV has them all.",
        "zh": "只显示 {total:,} 行中的前 {n:,} 行；CSV 文件包含全部。",
    },
    "frame_input": {"en": "Input: {a} = x", "zh": "输入：{a} = x"},
    "frame_forward": {"en": "Forward: layer {n}", "zh": "前向：第 {n} 层"},
    "frame_loss": {"en": "Loss J = {J}", "zh": "损失 J = {J}"},
    "frame_backward": {"en": "Backward: δ of layer {n}", "zh": "反向：第 {n} 层的 δ"},
    "frame_done": {"en": "All gradients", "zh": "全部梯度"},
    # steps
    "step_input": {"en": "Input", "zh": "输入"},
    "step_forward": {"en": "Forward, layer {n}", "zh": "前向传播，第 {n} 层"},
    "step_loss": {"en": "Loss and output error", "zh": "损失与输出层误差"},
    "step_backward": {"en": "Backward, δ of layer {n}", "zh": "反向传播，第 {n} 层的 δ"},
    "step_grad": {"en": "Gradients of weight layer {n}", "zh": "第 {n} 层权重的梯度"},
    "step_update": {"en": "Update: one gradient-descent step", "zh": "更新：一步梯度下降"},
    "note_cancel": {
        "en": "With a sigmoid output and cross-entropy, ∂ℓ/∂a = (a − y)/(a(1 − a)) and σ′(z) = a(1 − a) cancel, "
        "leaving δᴸ = a − y. The same happens for softmax with cross-entropy.",
        "zh": "sigmoid 输出配交叉熵时，∂ℓ/∂a = (a − y)/(a(1 − a)) 与 σ′(z) = a(1 − a) 相消，"
        "只剩 δᴸ = a − y。softmax 配交叉熵也一样。",
    },
    "note_sign": {
        "en": "Seed note (Ng 9.2 derivation): it writes δ = y − a because its J has no minus sign in front. "
        "Here δ = ∂ℓ/∂z, the sign every gradient-descent step W − α∂J/∂W expects: a − y with cross-entropy, "
        "(a − y) ⊙ g′(z) with MSE.",
        "zh": "笔记说明（吴恩达 9.2 推导）：原文写 δ = y − a，是因为它的 J 前面没有负号。"
        "这里 δ = ∂ℓ/∂z，这正是梯度下降 W − α∂J/∂W 需要的符号：交叉熵时为 a − y，均方误差时为 (a − y) ⊙ g′(z)。",
    },
    "note_mse_delta": {
        "en": "With MSE the g′(z) factor stays: δᴸ = (a − y) ⊙ g′(z) (for softmax (∂a/∂z)ᵀ(a − y)), so a saturated "
        "output learns slowly; only a linear output (g′ = 1) has δᴸ = a − y.",
        "zh": "用均方误差时 g′(z) 因子还在：δᴸ = (a − y) ⊙ g′(z)（softmax 为 (∂a/∂z)ᵀ(a − y)），输出饱和时学得很慢；"
        "只有线性输出（g′ = 1）才有 δᴸ = a − y。",
    },
    "note_small_a": {
        "en": "∂J/∂w = δ · a: a weight whose input a is small learns slowly (seed 003).",
        "zh": "∂J/∂w = δ · a：若权重的输入 a 很小，这个权重学得很慢（笔记 003）。",
    },
    "note_relu_zero": {
        "en": "ReLU's derivative at exactly 0 is taken as 0 here (TestNet's notes write 1(z ≥ 0); they differ only at 0).",
        "zh": "这里 ReLU 在 0 处的导数取 0（TestNet 笔记写作 1(z ≥ 0)，两者只在 0 点不同）。",
    },
    "note_bias": {"en": "The bias gradient is δ itself: ∂z/∂b = 1.", "zh": "偏置的梯度就是 δ 本身：∂z/∂b = 1。"},
    "note_update_alpha": {
        "en": "Shown with the learning rate α = {alpha}; the Training page runs many such steps.",
        "zh": "这里用学习率 α = {alpha}；“训练”页面会连续做很多步。",
    },
    "note_update_l2": {
        "en": "Biases are not regularised; the L2 term adds (λ/m)W to ∂J/∂W only.",
        "zh": "偏置不参与正则化；L2 项只给 ∂J/∂W 加上 (λ/m)W。",
    },
    # table
    "table_neurons": {"en": "Neurons (sample {s})", "zh": "神经元（第 {s} 个样本）"},
    "table_weights": {"en": "Weights", "zh": "权重"},
    "col_layer": {"en": "layer", "zh": "层"},
    "col_neuron": {"en": "neuron", "zh": "神经元"},
    "col_weight": {"en": "weight", "zh": "权重"},
    "col_from": {"en": "from", "zh": "来自"},
    "col_to": {"en": "to", "zh": "到"},
    "download_csv": {"en": "Download as CSV", "zh": "下载 CSV"},
    # activations and losses
    "loss_bce": {
        "en": "cross-entropy (sigmoid outputs, Ng's K-class cost)",
        "zh": "交叉熵（sigmoid 输出，吴恩达 K 类代价）",
    },
    "loss_cross_entropy": {"en": "cross-entropy (softmax)", "zh": "交叉熵（softmax）"},
    "loss_mse": {"en": "mean squared error ½‖a − y‖²", "zh": "均方误差 ½‖a − y‖²"},
    "act_sigmoid": {"en": "sigmoid", "zh": "sigmoid"},
    "act_tanh": {"en": "tanh", "zh": "tanh"},
    "act_relu": {"en": "ReLU", "zh": "ReLU"},
    "act_leaky_relu": {"en": "leaky ReLU", "zh": "Leaky ReLU"},
    "act_linear": {"en": "linear", "zh": "线性"},
    "act_softmax": {"en": "softmax", "zh": "softmax"},
    "init_constant": {"en": "constant", "zh": "常数"},
    "init_zeros": {"en": "zeros", "zh": "全零"},
    "init_xavier": {"en": "Xavier", "zh": "Xavier 初始化"},
    "init_he": {"en": "He", "zh": "He 初始化（何恺明）"},
    "init_uniform": {"en": "uniform", "zh": "均匀分布"},
    "init_normal": {"en": "normal", "zh": "正态分布"},
    "col_symbol": {"en": "symbol", "zh": "符号"},
}


from texts.classroom import CLASSROOM_STRINGS  # noqa: E402
from texts.data_engine import DATA_ENGINE_STRINGS  # noqa: E402
from texts.data_figures import DATA_FIGURE_STRINGS  # noqa: E402
from texts.data_page import DATA_PAGE_STRINGS  # noqa: E402
from texts.health import HEALTH_STRINGS  # noqa: E402
from texts.lessons import LESSON_STRINGS  # noqa: E402
from texts.offline import OFFLINE_STRINGS  # noqa: E402
from texts.quiz import QUIZ_STRINGS  # noqa: E402
from texts.worksheet import WORKSHEET_STRINGS  # noqa: E402

for _table in (
    LESSON_STRINGS,
    HEALTH_STRINGS,
    DATA_ENGINE_STRINGS,
    DATA_FIGURE_STRINGS,
    DATA_PAGE_STRINGS,
    QUIZ_STRINGS,
    CLASSROOM_STRINGS,
    WORKSHEET_STRINGS,
    OFFLINE_STRINGS,
):
    STRINGS.update(_table)


def t(key: str, lang: str = "en", **kw) -> str:
    """The string for key in lang (English when a translation is missing), formatted with kw."""
    entry = STRINGS[key]
    s = entry.get(lang) or entry["en"]
    return s.format(**kw) if kw else s
