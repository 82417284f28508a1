"""Strings of the printable worksheet and its answer key (viz.worksheet), English and Simplified Chinese.

The names of activations, losses and notations come from texts.STRINGS (act_*, loss_*, notation_*).
"""

from __future__ import annotations

WORKSHEET_STRINGS: dict[str, dict[str, str]] = {
    "ws_title": {"en": "Backpropagation worksheet", "zh": "反向传播练习"},
    "ws_title_key": {"en": "Backpropagation worksheet: answer key", "zh": "反向传播练习：答案"},
    "ws_footer": {"en": "Backprop Explorer · {title} · page {p}/{n}", "zh": "反向传播探索器 · {title} · 第 {p}/{n} 页"},
    "ws_network": {
        "en": "Network {layers}; loss: {loss}; notation: {notation}.",
        "zh": "网络 {layers}；损失函数：{loss}；记号：{notation}。",
    },
    "ws_name": {
        "en": "Name: ____________________    Date: ____________",
        "zh": "姓名：____________________    日期：____________",
    },
    "ws_rounding": {
        "en": "Every number here is rounded to {digits} significant digits. The answer key is computed from the "
        "unrounded values, so the last digit of your results may differ a little.",
        "zh": "这里的每个数都保留 {digits} 位有效数字。答案是由未经舍入的数值算出的，所以你算出的最后一位可能略有不同。",
    },
    "ws_key_note": {
        "en": "Answer key: every box is filled in with the numbers of one forward and one backward pass.",
        "zh": "答案：每个方框里都填好了一次前向传播和一次反向传播算出的数。",
    },
    "ws_sample": {
        "en": "The batch has m = {m} samples; this sheet follows sample {s} alone. For it, find δ and its "
        "contribution δ aᵀ to the gradient; the batch's ∂J/∂W averages these contributions over the m samples.",
        "zh": "这一批共有 m = {m} 个样本；本练习只跟踪第 {s} 个样本。请算出它的 δ 以及它对梯度的贡献 δ aᵀ；"
        "整批的 ∂J/∂W 是这 m 个贡献的平均。",
    },
    "ws_sec_network": {"en": "1. The network", "zh": "1. 网络"},
    "ws_sec_given": {"en": "2. Given", "zh": "2. 已知量"},
    "ws_sec_formulas": {"en": "3. Formulas", "zh": "3. 公式"},
    "ws_sec_forward": {"en": "4. Forward pass: fill in z and a, layer by layer", "zh": "4. 前向传播：逐层填写 z 和 a"},
    "ws_sec_cost": {"en": "5. Cost", "zh": "5. 代价"},
    "ws_sec_backward": {
        "en": "6. Backward pass: δ from the output layer back, then the gradients",
        "zh": "6. 反向传播：从输出层往回算 δ，再算梯度",
    },
    "ws_layer": {"en": "layer {l}", "zh": "第 {l} 层"},
    "ws_input": {"en": "input", "zh": "输入"},
    "ws_layer_head": {"en": "Layer {l} ({act})", "zh": "第 {l} 层（{act}）"},
    "ws_activations": {"en": "Activations: {acts}.", "zh": "激活函数：{acts}。"},
    "ws_loss": {"en": "Loss: {loss}.", "zh": "损失函数：{loss}。"},
    "ws_lambda": {
        "en": "L2 regularisation: λ = {lam} (biases are not regularised).",
        "zh": "L2 正则化：λ = {lam}（偏置不参与正则化）。",
    },
    "ws_sample_given": {"en": "(sample {s} of {m})", "zh": "（第 {s} 个样本，共 {m} 个）"},
    "ws_f_forward": {"en": "Forward", "zh": "前向"},
    "ws_f_act": {"en": "Activation", "zh": "激活函数"},
    "ws_f_loss": {"en": "Loss", "zh": "损失"},
    "ws_f_cost": {"en": "Cost", "zh": "代价"},
    "ws_f_output": {"en": "Output error", "zh": "输出层误差"},
    "ws_f_backward": {"en": "Backward", "zh": "反向"},
    "ws_f_grads": {"en": "Gradients", "zh": "梯度"},
    "ws_f_hadamard": {
        "en": "⊙ multiplies element by element (the Hadamard product); ᵀ transposes; log is the natural logarithm.",
        "zh": "⊙ 表示逐元素相乘（Hadamard 积）；ᵀ 表示转置；log 是自然对数。",
    },
    "ws_cost_one": {"en": "The cost of this sample:", "zh": "这个样本的代价："},
    "ws_cost_sample": {"en": "This sample's loss:", "zh": "这个样本的损失："},
    "ws_cost_batch": {"en": "The whole batch's cost: J = {J}", "zh": "整批的代价：J = {J}"},
    "ws_grad_head": {"en": "Gradients of {W} and {b}", "zh": "{W} 和 {b} 的梯度"},
    "ws_contrib_head": {"en": "This sample's contribution to the gradient of {W}", "zh": "这个样本对 {W} 梯度的贡献"},
    "ws_batch_grad": {"en": "Whole batch (answer key):", "zh": "整批（答案）："},
    "ws_no_cjk": {
        "en": "No Chinese font was found on the server (for instance Debian's fonts-wqy-zenhei), so the worksheet "
        "is printed with English headings.",
        "zh": "服务器上没有找到中文字体（例如 Debian 的 fonts-wqy-zenhei），所以练习用英文标题打印。",
    },
    "ws_no_unicode": {
        "en": "No Unicode font (DejaVu Sans) was found on the server, so the worksheet spells its symbols in "
        "ASCII: a^1_2 for a¹₂, d for δ.",
        "zh": "服务器上没有找到 Unicode 字体（DejaVu Sans），所以练习用 ASCII 拼写符号：a^1_2 表示 a¹₂，d 表示 δ。",
    },
}
