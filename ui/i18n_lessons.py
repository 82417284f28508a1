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
    "gc_max": {"en": "Largest relative error: {e}", "zh": "最大相对误差：{e}"},
    "gc_good": {"en": "below 1e-7: backprop is right", "zh": "小于 1e-7：反向传播正确"},
    "gc_suspicious": {"en": "between 1e-7 and 1e-4: look closer", "zh": "在 1e-7 与 1e-4 之间：需要细看"},
    "gc_bad": {"en": "above 1e-4: the gradient is wrong", "zh": "大于 1e-4：梯度算错了"},
    "gc_why": {
        "en": "Why centred differences: the one-sided (J(θ+ε) − J(θ))/ε is off by O(ε), the centred one by O(ε²). Why float64: each J carries rounding of about 1e-16·|J|, which the division by 2ε magnifies to about 1e-16/ε; in float32 (1e-7) no ε gives a trustworthy answer. Why not train with it: it needs two passes per parameter, backprop needs one pass for all (seed 002).",
        "zh": "为什么用中心差分：单侧差分 (J(θ+ε) − J(θ))/ε 的误差是 O(ε)，中心差分是 O(ε²)。为什么用 float64：每个 J 带约 1e-16·|J| 的舍入误差，除以 2ε 后放大到约 1e-16/ε；用 float32（1e-7）时任何 ε 都不可靠。为什么不用它来训练：每个参数要做两次前向传播，而反向传播一次就得到全部梯度（笔记 002）。",
    },
    "gc_tiny": {
        "en": "A gradient that is nearly zero can show a large relative error from rounding alone: each J is exact to about 1e-16·|J|, so the difference is only good to about 1e-16·|J|/ε in absolute terms. Look at |a − n| for those.",
        "zh": "接近零的梯度仅因舍入就可能显示较大的相对误差：每个 J 只精确到约 1e-16·|J|，所以差分的绝对精度约为 1e-16·|J|/ε。对这些参数请看 |a − n|。",
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
    # batches
    "bt_intro": {
        "en": "With m samples, each sample's δᵢ aᵢᵀ is accumulated into Δ, then D = Δ/m + (λ/m)W; the bias is not regularised (seed 002).",
        "zh": "有 m 个样本时，把每个样本的 δᵢ aᵢᵀ 累加进 Δ，然后 D = Δ/m + (λ/m)W；偏置不参与正则化（笔记 002）。",
    },
    "bt_samples": {"en": "Each sample's contribution to weight layer {n}", "zh": "每个样本对第 {n} 层权重的贡献"},
    "bt_sum": {"en": "Accumulated and averaged", "zh": "累加并取平均"},
    "bt_cost": {"en": "The cost", "zh": "代价"},
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
        "en": "Train the network you built: gradient descent repeats W ← W − α∂J/∂W (seed 003's step 5); L-BFGS-B and TNC get J and backprop's gradient on the unrolled vector θ, as seed 002 does with scipy.optimize, and the result is rolled back into matrices.",
        "zh": "训练你搭好的网络：梯度下降反复执行 W ← W − α∂J/∂W（笔记 003 第 5 步）；L-BFGS-B 和 TNC 在展开后的向量 θ 上拿到 J 和反向传播的梯度，就像笔记 002 用 scipy.optimize 那样，结果再还原成矩阵。",
    },
    "tr_optimizer": {"en": "Method", "zh": "方法"},
    "tr_gd": {"en": "gradient descent", "zh": "梯度下降"},
    "tr_lbfgs": {"en": "L-BFGS-B (scipy)", "zh": "L-BFGS-B（scipy）"},
    "tr_tnc": {"en": "TNC (scipy, as in seed 002)", "zh": "TNC（scipy，同笔记 002）"},
    "tr_steps": {"en": "Steps", "zh": "步数"},
    "tr_batch": {"en": "Mini-batch size", "zh": "小批量大小"},
    "tr_done": {"en": "{k} steps: J went from {J0} to {J}.", "zh": "{k} 步：J 从 {J0} 降到 {J}。"},
    "tr_diverged": {
        "en": "The cost overflowed after {k} steps: lower the learning rate.",
        "zh": "{k} 步后代价溢出：请调小学习率。",
    },
    "tr_gd_note": {
        "en": "With a mini-batch smaller than m, each step uses a shuffled batch (seeded), so the curve is noisier.",
        "zh": "小批量小于 m 时，每一步使用打乱后的一批样本（固定种子），所以曲线更抖动。",
    },
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
    "ex_scaling": {"en": "Input scaling: x × 1, × 10, × 1000", "zh": "输入缩放：x × 1、× 10、× 1000"},
    "ex_vanishing": {"en": "Vanishing gradients: deep sigmoid vs ReLU", "zh": "梯度消失：深层 sigmoid 与 ReLU"},
    "ex_loss": {"en": "The loss switch: MSE vs cross-entropy", "zh": "换损失函数：均方误差与交叉熵"},
    "ex_diverge": {"en": "A learning rate that diverges", "zh": "会发散的学习率"},
    "ex_symmetry_text": {
        "en": "With every weight equal (zero or the same constant), every hidden unit computes the same a and receives the same δ, so gradient descent changes them all alike: the lines below lie on top of each other for ever, and the layer acts like one unit. Random initialisation breaks the symmetry (seed 002).",
        "zh": "所有权重相同时（全零或同一个常数），每个隐藏单元算出相同的 a、得到相同的 δ，梯度下降对它们的改变也完全相同：下面的曲线永远重合，整层就像只有一个单元。随机初始化打破了这种对称（笔记 002）。",
    },
    "ex_scaling_text": {
        "en": "∂J/∂W¹ = δ¹ xᵀ is proportional to the input: multiply x by 1000 and the first layer's gradient grows about 1000-fold, so a learning rate that suits one scale explodes at another. Normalising the inputs (zero mean, unit variance) keeps every layer's gradients comparable (seed 004).",
        "zh": "∂J/∂W¹ = δ¹ xᵀ 与输入成正比：把 x 放大 1000 倍，第一层的梯度大约也放大 1000 倍，适合一种尺度的学习率在另一种尺度下就会爆炸。把输入归一化（零均值、单位方差）能让各层梯度保持可比（笔记 004）。",
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
    "ex_weight": {"en": "first incoming weight", "zh": "第一个输入权重"},
    "ex_spread": {
        "en": "Largest difference between hidden units after training: {v}",
        "zh": "训练后隐藏单元之间的最大差异：{v}",
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
