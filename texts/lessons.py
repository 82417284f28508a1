"""Strings of the teaching pages (chain rule, matrices, gradient check, batches, experiments)."""

from __future__ import annotations

LESSON_STRINGS: dict[str, dict[str, str]] = {
    # chain rule
    "cr_intro": {
        "en": "Pick any weight (or click an edge in the figure) and see ∂ℓ/∂w taken apart into the factors the chain rule multiplies, and the paths it sums over.",
        "zh": "选任意一个权重（或在图中点击一条连线），看 ∂ℓ/∂w 如何被链式法则拆成相乘的因子，以及它要加总的各条路径。",
    },
    "cr_mode": {"en": "Take apart", "zh": "拆解对象"},
    "cr_weight": {"en": "a weight", "zh": "一个权重"},
    "cr_neuron": {"en": "a neuron's δ", "zh": "一个神经元的 δ"},
    "cr_layer": {"en": "Weight layer", "zh": "权重层"},
    "cr_row": {"en": "Row i (neuron it feeds)", "zh": "行 i（它输入的神经元）"},
    "cr_col": {"en": "Column j (neuron it comes from)", "zh": "列 j（它来自的神经元）"},
    "cr_neuron_layer": {"en": "Layer", "zh": "层"},
    "cr_neuron_index": {"en": "Neuron", "zh": "神经元"},
    "cr_three": {"en": "The three factors (seed 000, formula 7)", "zh": "三个因子（笔记 000，式 (7)）"},
    "cr_softmax_out": {
        "en": "A softmax output is not element-wise: ∂ℓ/∂zᵢ = Σₖ ∂ℓ/∂aₖ · ∂aₖ/∂zᵢ sums over every output, and equals δᵢ = aᵢ − yᵢ with cross-entropy.",
        "zh": "softmax 输出不是逐元素的：∂ℓ/∂zᵢ = Σₖ ∂ℓ/∂aₖ · ∂aₖ/∂zᵢ 要对所有输出求和；配交叉熵时等于 δᵢ = aᵢ − yᵢ。",
    },
    "cr_paths": {"en": "{n:,} paths lead from this weight to the outputs", "zh": "从这个权重到输出共有 {n:,} 条路径"},
    "cr_paths_top": {
        "en": "There are {n:,} paths; the {k} with the largest contributions are listed (found exactly), and the total below is still exact: it is backprop's δ.",
        "zh": "共有 {n:,} 条路径；下面列出贡献最大的 {k} 条（精确找出），下方的总和仍然是精确的：它就是反向传播算出的 δ。",
    },
    "cr_path": {"en": "path", "zh": "路径"},
    "cr_product": {"en": "product", "zh": "乘积"},
    "cr_sum_paths": {"en": "Sum over the paths", "zh": "各路径之和"},
    "cr_backprop": {"en": "Backprop: δ · a", "zh": "反向传播：δ · a"},
    "cr_backprop_delta": {"en": "Backprop's δ", "zh": "反向传播算出的 δ"},
    "cr_linear_out": {"en": " = a − y, since a linear output has g′ = 1", "zh": " = a − y，因为线性输出的 g′ = 1"},
    "cr_equal": {"en": "Equal to the last printed digit.", "zh": "打印出的每一位都相同。"},
    "cr_not_equal": {"en": "These differ: something is wrong.", "zh": "二者不同：出错了。"},
    "cr_batch_note": {
        "en": "These are sample {s}'s ∂ℓ/∂w. J averages them over the m = {m} samples and adds (λ/m)·w: ∂J/∂w = {dJ}.",
        "zh": "这是第 {s} 个样本的 ∂ℓ/∂w。J 对 m = {m} 个样本取平均并加上 (λ/m)·w：∂J/∂w = {dJ}。",
    },
    "cr_terms": {
        "en": "δ of a hidden neuron: g′(z) times the weighted sum of the δ it feeds",
        "zh": "隐藏神经元的 δ：g′(z) 乘以它所连接的下一层 δ 的加权和",
    },
    "cr_output_neuron": {
        "en": "An output neuron's δ comes from the loss: δᴸ = {formula}.",
        "zh": "输出神经元的 δ 来自损失函数：δᴸ = {formula}。",
    },
    "cr_input_neuron": {
        "en": "Input neurons have no δ: x is data, not computed.",
        "zh": "输入神经元没有 δ：x 是数据，不是计算出来的。",
    },
    "cr_click_hint": {"en": "Click an edge to take its weight apart.", "zh": "点击一条连线来拆解它的权重。"},
    # matrices
    "mx_intro": {
        "en": "The same pass written with whole matrices, each with its shape; the backward pass as a chain of Jacobians.",
        "zh": "用整块矩阵写出同一次传播，每个矩阵都标明形状；反向传播写成雅可比矩阵的连乘。",
    },
    "mx_forward": {"en": "Forward: z = W a + b", "zh": "前向：z = W a + b"},
    "mx_backward": {"en": "Backward: δ with the Hadamard product ⊙", "zh": "反向：带 Hadamard 积 ⊙ 的 δ"},
    "mx_outer": {"en": "Gradient: ∂ℓ/∂W = δ aᵀ, an outer product", "zh": "梯度：∂ℓ/∂W = δ aᵀ，一个外积"},
    "mx_jacobian": {"en": "Jacobians", "zh": "雅可比矩阵"},
    "mx_jac_diag": {
        "en": "{act} acts element by element, so ∂a/∂z is diagonal: diag(g′(z)).",
        "zh": "{act} 逐元素作用，所以 ∂a/∂z 是对角矩阵：diag(g′(z))。",
    },
    "mx_jac_full": {
        "en": "softmax mixes its inputs, so ∂a/∂z is full: pᵢ(1[i=j] − pⱼ).",
        "zh": "softmax 会混合各个输入，所以 ∂a/∂z 是满矩阵：pᵢ(1[i=j] − pⱼ)。",
    },
    "mx_chain": {"en": "δ as a chain of Jacobians, against backprop", "zh": "用雅可比连乘求 δ，与反向传播对比"},
    "mx_max_diff": {"en": "largest difference", "zh": "最大差异"},
    "mx_col_jac": {"en": "δ (chain of Jacobians)", "zh": "δ（雅可比连乘）"},
    "mx_col_bp": {"en": "δ (backprop)", "zh": "δ（反向传播）"},
    "mx_layer": {"en": "Layer", "zh": "层"},
    # gradient check
    "gc_intro": {
        "en": "Backprop's gradient against centred differences (J(θ + ε) − J(θ − ε)) / 2ε for every parameter, in float64.",
        "zh": "对每个参数，用 float64 把反向传播的梯度与中心差分 (J(θ + ε) − J(θ − ε)) / 2ε 相比较。",
    },
    "gc_eps": {"en": "Step ε", "zh": "步长 ε"},
    "gc_bug": {"en": "Plant a bug", "zh": "植入一个错误"},
    "gc_no_bug": {"en": "none: backprop as it should be", "zh": "无：正确的反向传播"},
    "gc_drop": {"en": "drop g′(z) in layer {n}", "zh": "去掉第 {n} 层的 g′(z)"},
    "gc_correct": {
        "en": "Backprop is correct: all {n:,} gradients checked agree with the centred differences at ε = {eps}, within the allowance below.",
        "zh": "反向传播正确：在 ε = {eps} 下检验的全部 {n:,} 个梯度都与中心差分一致，误差在下面说明的容许范围之内。",
    },
    "gc_wrong": {
        "en": "The gradient is wrong in layer(s) {layers}: {k:,} of the {n:,} gradients checked differ from the centred differences at ε = {eps} by more than rounding and the difference's own error can explain.",
        "zh": "梯度在第 {layers} 层算错了：在 ε = {eps} 下检验的 {n:,} 个梯度中，有 {k:,} 个与中心差分的差距超出了舍入误差和差分本身误差所能解释的范围。",
    },
    "gc_nonfinite": {
        "en": "J or a gradient is ∞ or NaN here, so the check verifies nothing: use smaller weights or inputs.",
        "zh": "这里 J 或某个梯度是 ∞ 或 NaN，检验无法证明任何事：请使用更小的权重或输入。",
    },
    "gc_bug_noop_output": {
        "en": "Dropping g′(z) in layer {n} changes nothing here: with cross-entropy the output's δᴸ = a − y has no g′(z) factor (it cancelled), so backprop is still right.",
        "zh": "去掉第 {n} 层的 g′(z) 在这里不改变任何结果：用交叉熵时输出层的 δᴸ = a − y 本来就没有 g′(z) 因子（已被约掉），所以反向传播仍然正确。",
    },
    "gc_bug_noop": {
        "en": "Dropping g′(z) in layer {n} changes nothing here: at every unit of that layer either g′(z) = 1 (a linear layer, an active ReLU) or the error Wᵀδ that reaches it is 0 (zero weights above it), so backprop is still right.",
        "zh": "去掉第 {n} 层的 g′(z) 在这里不改变任何结果：该层每个单元要么 g′(z) = 1（线性层、处于激活状态的 ReLU），要么传到它的误差 Wᵀδ 为 0（上一层权重全为零），所以反向传播仍然正确。",
    },
    "gc_bug_hidden": {
        "en": "The bug in layer {n} changes the gradient, but by less than the difference can resolve at ε = {eps}: try another ε.",
        "zh": "第 {n} 层的错误确实改变了梯度，但改变量小于 ε = {eps} 时差分所能分辨的程度：请换一个 ε 试试。",
    },
    "gc_settled": {
        "en": "{k:,} gradients missed at ε = {eps} but agree when differenced again at ε = {e2}: at a large ε the difference's own error (about ε²) is what differs, not backprop.",
        "zh": "有 {k:,} 个梯度在 ε = {eps} 时不符，但改用 ε = {e2} 重新差分后一致：ε 较大时，差异来自差分本身的误差（约 ε²），而不是反向传播。",
    },
    "gc_kinked": {
        "en": "{k:,} gradients were not judged: moving them by ±{eps} switches a ReLU on or off (its z crosses 0), where J has a corner and the difference averages two slopes. A smaller ε judges more of them.",
        "zh": "有 {k:,} 个梯度没有评判：把它们移动 ±{eps} 会让某个 ReLU 开启或关闭（其 z 穿过 0），J 在那里有个拐角，差分得到的是两侧斜率的平均。更小的 ε 能评判更多参数。",
    },
    "gc_rule": {
        "en": "How the verdict is made. A gradient counts as correct when |backprop − difference| ≤ atol + {rtol} × |difference|. The {rtol} part asks for about four matching significant digits. atol = {atol} is the rounding noise of the difference: the computer keeps about 16 significant digits, so each J is uncertain by about {u} × {S} (the size of the numbers J is made of), and dividing J(θ + ε) − J(θ − ε) by 2ε magnifies that; atol is {safety} × {u} × {S} / ε. The relative error alone (largest here: {rel}) cannot judge: a correct gradient near zero, as in the first layers of a deep sigmoid network, shows a large relative error from this noise alone, while a real bug is off by a share of the gradient itself.",
        "zh": "判定方法：当 |反向传播 − 差分| ≤ atol + {rtol} × |差分| 时，这个梯度算作正确。{rtol} 这一项要求大约四位有效数字相同。atol = {atol} 是差分的舍入噪声：计算机只保留约 16 位有效数字，所以每个 J 都有约 {u} × {S}（构成 J 的各个数的大小）的不确定度，把 J(θ + ε) − J(θ − ε) 除以 2ε 会把它放大；atol 取 {safety} × {u} × {S} / ε。仅看相对误差（这里最大为 {rel}）无法判断：接近零的正确梯度（比如深层 sigmoid 网络的前几层）仅因这种噪声就会显示很大的相对误差，而真正的错误会让梯度偏离其自身大小的一定比例。",
    },
    "gc_why": {
        "en": "Why centred differences: the one-sided (J(θ+ε) − J(θ))/ε is off by O(ε), the centred one by O(ε²). Why float64: each J carries rounding of about 1e-16·|J|, which the division by 2ε magnifies to about 1e-16/ε; in float32 (1e-7) no ε gives a trustworthy answer. Why not train with it: it needs two passes per parameter, backprop needs one pass for all (seed 002).",
        "zh": "为什么用中心差分：单侧差分 (J(θ+ε) − J(θ))/ε 的误差是 O(ε)，中心差分是 O(ε²)。为什么用 float64：每个 J 带约 1e-16·|J| 的舍入误差，除以 2ε 后放大到约 1e-16/ε；用 float32（1e-7）时任何 ε 都不可靠。为什么不用它来训练：每个参数要做两次前向传播，而反向传播一次就得到全部梯度（笔记 002）。",
    },
    "gc_sampled": {
        "en": "This network has {total:,} parameters: {n:,} of them, drawn at random (seed 0), were checked.",
        "zh": "这个网络有 {total:,} 个参数：随机抽取（种子 0）其中 {n:,} 个进行了检验。",
    },
    "gc_few_samples": {
        "en": "The check uses the first {n} of the m = {m} samples: both gradients are of the same J, so this tests backprop just as well.",
        "zh": "检验只用 m = {m} 个样本中的前 {n} 个：两个梯度针对的是同一个 J，所以同样能检验反向传播。",
    },
    "gc_running": {"en": "Checking {n:,} parameters…", "zh": "正在检验 {n:,} 个参数……"},
    "gc_param": {"en": "parameter", "zh": "参数"},
    "gc_analytic": {"en": "backprop", "zh": "反向传播"},
    "gc_numeric": {"en": "centred difference", "zh": "中心差分"},
    "gc_rel": {"en": "relative error", "zh": "相对误差"},
    "gc_abs": {"en": "|a − n|", "zh": "|a − n|"},
    "gc_allowed": {"en": "allowed: atol + rtol·|n|", "zh": "容许：atol + rtol·|n|"},
    "gc_ok": {"en": "agrees", "zh": "一致"},
    "gc_kink": {"en": "not judged (ReLU kink)", "zh": "未评判（ReLU 拐点）"},
    "gc_ratio": {"en": "|a − n| ÷ allowance", "zh": "|a − n| ÷ 容许值"},
    "gc_line": {"en": "allowance: above the line is wrong", "zh": "容许值：线以上为错误"},
    "gc_param_axis": {"en": "parameter (W¹, b¹, W², b², … in order)", "zh": "参数（按 W¹、b¹、W²、b²…… 的顺序）"},
    # batches
    "bt_intro": {
        "en": "With m samples, each sample's δᵢ aᵢᵀ is accumulated into Δ, then D = Δ/m + (λ/m)W; the bias is not regularised (seed 002).",
        "zh": "有 m 个样本时，把每个样本的 δᵢ aᵢᵀ 累加进 Δ，然后 D = Δ/m + (λ/m)W；偏置不参与正则化（笔记 002）。",
    },
    "bt_samples": {"en": "Each sample's contribution to weight layer {n}", "zh": "每个样本对第 {n} 层权重的贡献"},
    "bt_sum": {"en": "Accumulated and averaged", "zh": "累加并取平均"},
    "bt_cost": {"en": "The cost", "zh": "代价"},
    "bt_more": {"en": "… and {n} more samples", "zh": "……另有 {n} 个样本"},
    "bt_slip": {
        "en": "Seed 002 writes D = Δ/m + λW. With the cost's λ/(2m) Σ‖W‖² term the derivative is (λ/m)W; the app uses (λ/m)W, and the gradient check agrees.",
        "zh": "笔记 002 写作 D = Δ/m + λW。代价中的正则项是 λ/(2m) Σ‖W‖²，求导得到 (λ/m)W；本应用使用 (λ/m)W，梯度检验也证实这一点。",
    },
    "bt_one_sample": {
        "en": "Only one sample: raise the batch size m in the sidebar to see Δ accumulate.",
        "zh": "只有一个样本：在侧栏增大样本数 m，就能看到 Δ 的累加。",
    },
    # training
    "tr_intro": {
        "en": "Train the network you built: gradient descent repeats W ← W − α∂J/∂W (seed 003's step 5); L-BFGS-B (quasi-Newton) and TNC (truncated Newton) get J and backprop's gradient on the unrolled vector θ, as seed 002 does with scipy.optimize, and the result is rolled back into matrices.",
        "zh": "训练你搭好的网络：梯度下降反复执行 W ← W − α∂J/∂W（笔记 003 第 5 步）；L-BFGS-B（拟牛顿法）和 TNC（截断牛顿法）在展开后的向量 θ 上拿到 J 和反向传播的梯度，就像笔记 002 用 scipy.optimize 那样，结果再还原成矩阵。",
    },
    "tr_optimizer": {"en": "Method", "zh": "方法"},
    "tr_gd": {"en": "gradient descent", "zh": "梯度下降"},
    "tr_lbfgs": {"en": "L-BFGS-B (quasi-Newton, scipy)", "zh": "L-BFGS-B（拟牛顿法，scipy）"},
    "tr_tnc": {"en": "TNC (truncated Newton, scipy, as in seed 002)", "zh": "TNC（截断牛顿法，scipy，同笔记 002）"},
    "tr_steps": {"en": "Steps", "zh": "步数"},
    "tr_batch": {"en": "Mini-batch size", "zh": "小批量大小"},
    "tr_done": {"en": "{k} steps: J went from {J0} to {J}.", "zh": "{k} 步：J 从 {J0} 降到 {J}。"},
    "tr_diverged": {
        "en": "The cost overflowed after {k} steps: lower the learning rate.",
        "zh": "{k} 步后代价溢出：请调小学习率。",
    },
    "tr_gd_note": {
        "en": "Mini-batches of {b} of the m = {m} samples: each step uses the next batch of a shuffled order (seeded), so the curve is noisier; it shows J over each step's batch.",
        "zh": "小批量：每次用 m = {m} 个样本中的 {b} 个，每一步取打乱顺序（固定种子）后的下一批，所以曲线更抖动；图中是每一步所用那一批上的 J。",
    },
    "tr_full_batch_note": {
        "en": "Full batch: every step uses all m = {m} samples, so each step follows the exact gradient of J and the curve is J itself. Lower the batch size for mini-batch gradient descent.",
        "zh": "全批量：每一步都用全部 m = {m} 个样本，所以每一步都沿 J 的精确梯度前进，曲线就是 J 本身。调小批量大小即为小批量梯度下降。",
    },
    "tr_full": {"en": "{m} (full batch)", "zh": "{m}（全批量）"},
    "tr_scipy_note": {
        "en": "Each iteration may evaluate J and its gradient several times (a line search); the chart shows J after each iteration.",
        "zh": "每次迭代可能多次计算 J 和梯度（线搜索）；图中是每次迭代后的 J。",
    },
    "tr_capped": {
        "en": "This network and data are large: the run is cut to {k} steps to keep the page responsive.",
        "zh": "网络和数据规模较大：为保持页面流畅，训练截断为 {k} 步。",
    },
    "tr_use": {"en": "Use the trained weights in the explorer", "zh": "把训练后的权重用到探索器中"},
    "sentence_gap": {"en": " ", "zh": ""},  # between sentences joined into one message (no space after 。)
    "tr_div": {
        "en": "Training diverged at step {k}: J started at {J0} and reached {J}.",
        "zh": "训练在第 {k} 步发散：J 从 {J0} 开始，最高达到 {J}。",
    },
    "tr_div_growth": {"en": "That is more than 1000 times its start.", "zh": "超过了初始值的 1000 倍。"},
    "tr_div_overflow": {
        "en": "At step {s} J or a gradient overflowed to ∞ or NaN, and training stopped there.",
        "zh": "第 {s} 步时 J 或某个梯度溢出为 ∞ 或 NaN，训练就此停止。",
    },
    "tr_div_lower": {
        "en": "Lower the learning rate; the weights of a diverged run are not offered to the explorer.",
        "zh": "请调小学习率；发散后的权重不会提供给探索器。",
    },
    # experiments
    "ex_intro": {
        "en": "Ready scenarios from the notes, each with its numbers and a link to share.",
        "zh": "来自笔记的现成实验，每个都有数值和可分享的链接。",
    },
    "ex_pick": {"en": "Experiment", "zh": "实验"},
    "ex_symmetry": {"en": "Symmetry: zero or constant initialisation", "zh": "对称性：全零或常数初始化"},
    "ex_scaling": {"en": "Input scaling: x × 1 … × 1000", "zh": "输入缩放：x × 1 … × 1000"},
    "ex_vanishing": {"en": "Vanishing gradients: deep sigmoid vs ReLU", "zh": "梯度消失：深层 sigmoid 与 ReLU"},
    "ex_loss": {"en": "The loss switch: MSE vs cross-entropy", "zh": "换损失函数：均方误差与交叉熵"},
    "ex_diverge": {"en": "A learning rate that diverges", "zh": "会发散的学习率"},
    "ex_symmetry_text": {
        "en": "With every weight equal (zero or the same constant), every hidden unit computes the same a and receives the same δ, so gradient descent changes them all alike: the lines below lie on top of each other for ever, and the layer acts like one unit. Random initialisation breaks the symmetry (seed 002).",
        "zh": "所有权重相同时（全零或同一个常数），每个隐藏单元算出相同的 a、得到相同的 δ，梯度下降对它们的改变也完全相同：下面的曲线永远重合，整层就像只有一个单元。随机初始化打破了这种对称（笔记 002）。",
    },
    "ex_scaling_text": {
        "en": "Seed 004 says: multiply the input by 1000 and the gradients grow at least 1000-fold. For one sample ∂J/∂W¹ = δ¹ xᵀ, so ‖∂J/∂W¹‖ = ‖δ¹‖ · ‖x‖: it grows with x only while δ¹ does not shrink. In TestNet (ReLU without biases, then softmax) a larger x makes every z larger and the softmax saturates. For a correctly classified sample p → y, so δ = p − y → 0 and the gradient vanishes instead; only a misclassified sample's gradient grows with x. Either way a learning rate that suits one input scale fails at another: normalise the inputs (zero mean, unit variance).",
        "zh": "笔记 004 说：把输入放大 1000 倍，梯度至少放大 1000 倍。对单个样本 ∂J/∂W¹ = δ¹ xᵀ，所以 ‖∂J/∂W¹‖ = ‖δ¹‖ · ‖x‖：只有在 δ¹ 不变小时，梯度才随 x 增大。在 TestNet（无偏置的 ReLU，再接 softmax）中，x 越大，每个 z 越大，softmax 随之饱和。对分类正确的样本 p → y，于是 δ = p − y → 0，梯度反而消失；只有分类错误的样本，梯度才随 x 增大。无论哪种情况，适合一种输入尺度的学习率在另一种尺度下都会失效：请把输入归一化（零均值、单位方差）。",
    },
    "ex_vanishing_text": {
        "en": "σ′(z) is at most 0.25, and δˡ picks up one g′(z) factor per layer on its way back, so in a deep sigmoid net the first layers' gradients shrink by orders of magnitude. ReLU's slope is 1 where it is active, so gradients keep their size, but a unit whose z ≤ 0 for every sample is dead: it passes no gradient at all.",
        "zh": "σ′(z) 最大只有 0.25，δˡ 每往回传一层就多乘一个 g′(z)，所以深层 sigmoid 网络前几层的梯度会缩小好几个数量级。ReLU 在激活区的斜率是 1，梯度大小得以保持；但如果某个单元对所有样本都有 z ≤ 0，它就“死”了：完全不传递梯度。",
    },
    "ex_loss_text": {
        "en": "The same saturated network under both losses. With MSE, δᴸ = (a − y) ⊙ σ′(z), and σ′(z) is tiny when the output is saturated, so a confidently wrong output barely learns. With cross-entropy the σ′(z) cancels and δᴸ = a − y: the more wrong, the larger the step.",
        "zh": "同一个饱和网络分别用两种损失。用均方误差时 δᴸ = (a − y) ⊙ σ′(z)，输出饱和时 σ′(z) 极小，所以“自信地答错”几乎学不动。用交叉熵时 σ′(z) 被约掉，δᴸ = a − y：错得越多，步子越大。",
    },
    "ex_diverge_text": {
        "en": "Each step moves W by α·∂J/∂W. When α is too large the step overshoots the minimum by more than it started from, the error grows, the next gradient is larger still, and the weights grow geometrically until a number overflows to inf and then NaN. The chart stops at that step instead of drawing a grey diagram.",
        "zh": "每一步让 W 移动 α·∂J/∂W。α 太大时，这一步越过最低点的距离比出发时还远，误差变大，下一步的梯度更大，权重按几何级数增长，直到某个数溢出成 inf，继而变成 NaN。图表停在那一步，而不是画出一张灰色的图。",
    },
    "ex_unit": {"en": "hidden unit {k}", "zh": "隐藏单元 {k}"},
    "ex_step": {"en": "step", "zh": "步数"},
    "ex_weight": {"en": "W¹ₖ₁: hidden unit k's first incoming weight", "zh": "W¹ₖ₁：隐藏单元 k 的第一个输入权重"},
    "ex_spread": {
        "en": "Spread of the charted weight W¹ₖ₁ over the hidden units after {steps} steps (largest − smallest)",
        "zh": "训练 {steps} 步后，图中权重 W¹ₖ₁ 在各隐藏单元间的差距（最大 − 最小）",
    },
    "ex_spread_rows": {
        "en": "Over every incoming weight and the bias of the hidden units, the largest such difference is {v}: 0 means the units are still exact copies.",
        "zh": "若看隐藏单元的全部输入权重和偏置，最大的差距为 {v}：0 表示这些单元仍然完全相同。",
    },
    "ex_case_right": {"en": "correctly classified (TestNet's sample)", "zh": "分类正确（TestNet 的样本）"},
    "ex_case_wrong": {"en": "misclassified (same x, other label)", "zh": "分类错误（同一个 x，另一个标签）"},
    "ex_case_open": {"en": "Network to open (at the largest scale)", "zh": "要打开的网络（取最大的缩放倍数）"},
    "ex_scale_axis": {"en": "input scale s (x × s)", "zh": "输入缩放倍数 s（x × s）"},
    "ex_col_sample": {"en": "sample", "zh": "样本"},
    "ex_col_p": {"en": "p(target)", "zh": "p(目标类)"},
    "ex_output": {"en": "output neuron", "zh": "输出神经元"},
    "ex_bar_mse": {"en": "MSE: (a − y)·σ′(z)", "zh": "均方误差：(a − y)·σ′(z)"},
    "ex_bar_ce": {"en": "cross-entropy: a − y", "zh": "交叉熵：a − y"},
    "ex_col_mse": {"en": "δ (MSE)", "zh": "δ（均方误差）"},
    "ex_col_ce": {"en": "δ (cross-entropy)", "zh": "δ（交叉熵）"},
    "ex_scaling_result": {
        "en": "Correctly classified: ‖∂J/∂W¹‖ = {r} as x grows to × {s}: the softmax saturates, δ¹ → 0 and the gradient vanishes. Misclassified: {w0} → {w}, × {g}. The claim holds only for the misclassified sample, where δ¹ does not shrink.",
        "zh": "分类正确时：随着 x 增大到 × {s}，‖∂J/∂W¹‖ = {r}：softmax 饱和，δ¹ → 0，梯度消失。分类错误时：{w0} → {w}，放大 {g} 倍。只有对分类错误、δ¹ 不变小的样本，这个说法才成立。",
    },
    "ex_grad_norm": {"en": "‖∂J/∂W‖", "zh": "‖∂J/∂W‖"},
    "ex_layer": {"en": "weight layer", "zh": "权重层"},
    "ex_dead": {
        "en": "Dead ReLU units per hidden layer (z ≤ 0 for every sample): {d}",
        "zh": "每个隐藏层中死亡的 ReLU 单元（所有样本 z ≤ 0）：{d}",
    },
    "ex_saturation": {"en": "g′(z) per neuron (mean over samples)", "zh": "每个神经元的 g′(z)（样本平均）"},
    "ex_lr": {"en": "Learning rate α", "zh": "学习率 α"},
    "ex_diverged": {
        "en": "At step {k} the cost overflowed (J = {J}); the largest weight had reached {w}. Lower α to keep it finite.",
        "zh": "第 {k} 步时代价溢出（J = {J}）；最大权重已达到 {w}。调小 α 可以保持有限。",
    },
    "ex_converged": {"en": "Finite all the way: final J = {J}.", "zh": "全程有限：最终 J = {J}。"},
    "ex_div": {
        "en": "Diverged at step {k}: J started at {J0} and passed 1000 times that, reaching {J}.",
        "zh": "第 {k} 步发散：J 从 {J0} 开始，超过了它的 1000 倍，最高达到 {J}。",
    },
    "ex_div_lower": {"en": "Lower α to keep J bounded.", "zh": "调小 α 可以让 J 保持有界。"},
    "ex_open": {"en": "Open this network in the builder", "zh": "在构建器中打开这个网络"},
    "ex_share": {"en": "Link to this experiment", "zh": "这个实验的链接"},
    "cost": {"en": "cost J", "zh": "代价 J"},
}
