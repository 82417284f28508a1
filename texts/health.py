"""Strings of the network's health: non-finite numbers, the health verdicts and panel, the failure presets."""

from __future__ import annotations

HEALTH_STRINGS: dict[str, dict[str, str]] = {
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
}
