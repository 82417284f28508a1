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
    "step": {"en": "Step", "zh": "步骤"},
    "precision": {"en": "Significant digits", "zh": "有效数字位数"},
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
    # non-finite numbers (engine.health): where they arose and what to change
    "nf_note": {
        "en": "Overflow in {where}, which became {kind}; the numbers computed from it are ∞ or NaN too (the figure, its hover texts and the tables show them as such). Use smaller weights or inputs: an initialisation such as xavier, or inputs scaled to about −1 … 1.",
        "zh": "{where} 溢出，变成了 {kind}；由它算出的数也都是 ∞ 或 NaN（图、悬停说明和表格中如实显示）。请使用更小的权重或输入：例如 xavier 初始化，或把输入缩放到大约 −1 … 1。",
    },
    "nf_layer": {"en": "layer {l}: {q}", "zh": "第 {l} 层的 {q}"},
    "nf_cost": {"en": "the cost J", "zh": "代价 J"},
    "nf_and": {"en": " and ", "zh": " 和 "},
    # network health (engine.health, ui/health_panel.py): per-layer gradient norms, saturated and dead units
    "health_title": {"en": "Network health", "zh": "网络健康检查"},
    "health_v_nonfinite": {
        "en": "Some numbers overflowed to ∞ or NaN (the warning at the top says where); the table shows which norms they reach.",
        "zh": "有些数溢出成了 ∞ 或 NaN（页面顶部的提示说明了出处）；下表标出了受影响的范数。",
    },
    "health_v_copies": {
        "en": "All {n} units of layer {l} are copies of one another (the same weights in and out): they get the same δ and the same update and stay copies; random initial weights break the symmetry.",
        "zh": "第 {l} 层的 {n} 个神经元一模一样（输入和输出权重都相同）：它们得到相同的 δ 和相同的更新，永远是彼此的复制品；随机初始化才能打破这种对称性。",
    },
    "health_v_dead": {
        "en": "{k} of {n} ReLU units in layer {l} are dead: z ≤ 0 for all {m} samples, so no gradient passes through them and their incoming weights never change.",
        "zh": "第 {l} 层的 {n} 个 ReLU 中有 {k} 个死亡：对全部 {m} 个样本都有 z ≤ 0，梯度传不过去，它们的输入权重永远不会更新。",
    },
    "health_v_dead_one": {
        "en": "{k} of {n} ReLU units in layer {l} are off (z ≤ 0) for this sample: no gradient passes through them.",
        "zh": "对这个样本，第 {l} 层的 {n} 个 ReLU 中有 {k} 个没有激活（z ≤ 0）：梯度传不过去。",
    },
    "health_v_saturated_one": {
        "en": "{k} of {n} units in layer {l} are saturated (g′(z) below 1 % of its largest): almost no gradient passes through them.",
        "zh": "第 {l} 层的 {n} 个神经元中有 {k} 个饱和（g′(z) 不到其最大值的 1%）：梯度几乎传不过去。",
    },
    "health_v_saturated": {
        "en": "{pct} of the units in layer {l} are saturated over the {m} samples (g′(z) below 1 % of its largest): little gradient passes through them.",
        "zh": "在 {m} 个样本上，第 {l} 层有 {pct} 的神经元处于饱和（g′(z) 不到其最大值的 1%）：梯度很难传过去。",
    },
    "health_v_vanishing": {
        "en": "Vanishing gradients: ‖δ‖ shrinks {r}× from the output layer back to layer {l} ({last} → {first}), so the first layers barely learn.",
        "zh": "梯度消失：‖δ‖ 从输出层传回第 {l} 层缩小了 {r} 倍（{last} → {first}），前面几层几乎学不动。",
    },
    "health_v_exploding": {
        "en": "Exploding gradients: ‖δ‖ grows {r}× from the output layer back to layer {l} ({last} → {first}).",
        "zh": "梯度爆炸：‖δ‖ 从输出层传回第 {l} 层放大了 {r} 倍（{last} → {first}）。",
    },
    "health_v_no_error": {
        "en": "δ at the output is 0: the outputs equal the targets, so this data leaves nothing to learn.",
        "zh": "输出层的 δ 为 0：输出已经等于目标，这批数据没有可学的了。",
    },
    "health_v_single": {
        "en": "One weight layer, no hidden layer for δ to cross: ‖δ‖ = {last} at the output.",
        "zh": "只有一层权重，没有隐藏层可传：输出层的 ‖δ‖ = {last}。",
    },
    "health_v_healthy": {
        "en": "Healthy: the gradient reaches every layer (‖δ‖ {last} at the output, {first} at layer {l}), and no layer has half its units saturated or dead.",
        "zh": "状态良好：梯度能传到每一层（‖δ‖ 在输出层为 {last}，在第 {l} 层为 {first}），没有哪一层有一半神经元饱和或死亡。",
    },
    "hl_col_layer": {"en": "layer", "zh": "层"},
    "hl_col_act": {"en": "activation", "zh": "激活函数"},
    "hl_col_units": {"en": "units", "zh": "神经元数"},
    "hl_col_delta": {"en": "‖δ‖ (RMS over samples)", "zh": "‖δ‖（各样本均方根）"},
    "hl_col_dW": {"en": "‖∂J/∂{w}‖", "zh": "‖∂J/∂{w}‖"},
    "hl_col_sat": {"en": "saturated", "zh": "饱和比例"},
    "hl_col_dead": {"en": "dead ReLU", "zh": "死亡 ReLU"},
    "hl_of": {"en": "{k} of {n}", "zh": "{n} 个中 {k} 个"},
    "hl_axis_layer": {"en": "layer", "zh": "层"},
    "hl_axis_norm": {"en": "norm (log scale)", "zh": "范数（对数坐标）"},
    "hl_axis_share": {"en": "share of units (%)", "zh": "神经元占比（%）"},
    "hl_sat": {"en": "saturated", "zh": "饱和"},
    "hl_dead": {"en": "dead ReLU", "zh": "死亡 ReLU"},
    "hl_defs": {
        "en": "‖δ‖ = √((1/m) Σᵢ ‖δᵢ‖²): the root mean square over the m samples of each sample's error δᵢ = ∂ℓᵢ/∂z (with one sample, its length). ‖∂J/∂{w}‖: the Frobenius norm √(Σ (∂J/∂w)²) of the gradient of the weights into the layer. Saturated: the share of (sample, unit) pairs where g′(z) is below 1 % of its largest (sigmoid: |z| above about 6, tanh: above about 3, ReLU: z ≤ 0); for linear and softmax units it does not apply (—). Dead ReLU: units with z ≤ 0 for every sample.",
        "zh": "‖δ‖ = √((1/m) Σᵢ ‖δᵢ‖²)：每个样本误差项 δᵢ = ∂ℓᵢ/∂z 的长度在 m 个样本上的均方根（只有一个样本时就是它的长度）。‖∂J/∂{w}‖：进入该层的权重的梯度的 Frobenius 范数 √(Σ (∂J/∂w)²)。饱和：g′(z) 不到其最大值 1% 的（样本, 神经元）对所占的比例（sigmoid：|z| 大于约 6，tanh：|z| 大于约 3，ReLU：z ≤ 0）；linear 和 softmax 不适用（—）。死亡 ReLU：对每个样本都有 z ≤ 0 的神经元。",
    },
    "hl_output_cancels": {
        "en": "The output layer's saturation does not hold the gradient back here: with this loss g′ cancels and δ = a − y.",
        "zh": "这里输出层的饱和不会挡住梯度：在这个损失函数下 g′ 被抵消，δ = a − y。",
    },
    "hl_nonfinite": {
        "en": "∞ or NaN in this table: {cells}. A norm is ∞ where an entry overflowed and NaN where the layer holds NaN (∞ − ∞ or 0 · ∞); it all follows from the first overflow, in {first}.",
        "zh": "表中的 ∞ 或 NaN：{cells}。某个数溢出时范数为 ∞，该层出现 NaN（∞ − ∞ 或 0 · ∞）时范数为 NaN；这些都源自最先发生的溢出：{first}。",
    },
    "hl_nf_cell": {"en": "layer {l}: {q} = {v}", "zh": "第 {l} 层 {q} = {v}"},
    "hl_list_sep": {"en": "; ", "zh": "；"},
    # what to look at when a failure preset is open (one line each)
    "preset_note_zero_init": {
        "en": "Zero init: in the health table ‖δ‖ and ‖∂J/∂W‖ are exactly 0 in both hidden layers, and every hidden unit has a = 0.5: the units of a layer are copies and stay copies however long you train.",
        "zh": "全零初始化：健康表里两个隐藏层的 ‖δ‖ 和 ‖∂J/∂W‖ 都恰好为 0，每个隐藏神经元的 a 都是 0.5：同一层的神经元彼此完全相同，怎么训练都还是一样。",
    },
    "preset_note_saturated_sigmoid": {
        "en": "Saturated sigmoid: inputs of 10 to 40 push z far from 0. Colour the nodes by g′(z): 3 of 4 units of the first hidden layer have σ′ ≈ 0, and the health table shows ‖δ‖ 50× smaller there than in the next layer.",
        "zh": "sigmoid 饱和：输入在 10 到 40 之间，把 z 推得离 0 很远。把节点按 g′(z) 着色：第一个隐藏层 4 个神经元中有 3 个 σ′ ≈ 0，健康表里这一层的 ‖δ‖ 比下一层小 50 倍。",
    },
    "preset_note_dead_relu": {
        "en": "Dead ReLU: 4 of the 6 units in each hidden layer have bias −3, so z ≤ 0 for every sample. Colour the nodes by g′(z): they pass no gradient, their weights get ∂J/∂W = 0, and the health table counts them dead.",
        "zh": "死亡 ReLU：每个隐藏层 6 个神经元中有 4 个的偏置是 −3，对每个样本都有 z ≤ 0。把节点按 g′(z) 着色：梯度传不过去，它们的权重 ∂J/∂W = 0，健康表把它们记为死亡。",
    },
    "preset_note_vanishing_sigmoid": {
        "en": "Vanishing gradients: in the health chart ‖δ‖ falls about 5× per layer, from 0.55 at the output to 4 × 10⁻⁵ at the first hidden layer (σ′ ≤ 0.25 and small weights at every step back).",
        "zh": "梯度消失：健康图里 ‖δ‖ 每往回一层大约缩小 5 倍，从输出层的 0.55 降到第一个隐藏层的 4 × 10⁻⁵（每往回传一层都乘上 σ′ ≤ 0.25 和很小的权重）。",
    },
    "preset_note_divergent_lr": {
        "en": "A learning rate that diverges: the health table's ‖∂J/∂W‖ is 3 to 4 with weights near 1, so a step of α = 5 overshoots. Open Training and raise the learning rate from 0.5 (converges) to 5 (J overflows at once).",
        "zh": "学习率过大而发散：健康表里 ‖∂J/∂W‖ 约为 3 到 4，而权重只有 1 左右，所以 α = 5 的一步会冲过头。打开“训练”页，把学习率从 0.5（收敛）调到 5（J 立刻溢出）。",
    },
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


from texts.lessons import LESSON_STRINGS  # noqa: E402

STRINGS.update(LESSON_STRINGS)


def t(key: str, lang: str = "en", **kw) -> str:
    """The string for key in lang (English when a translation is missing), formatted with kw."""
    entry = STRINGS[key]
    s = entry.get(lang) or entry["en"]
    return s.format(**kw) if kw else s
