"""Strings of the quiz (engine/quiz.py, viz/quiz_figure.py, ui/quiz.py): predict, then reveal."""

from __future__ import annotations

QUIZ_STRINGS: dict[str, dict[str, str]] = {
    "tab_quiz": {"en": "Quiz", "zh": "测验"},
    "quiz_title": {"en": "Predict {what}", "zh": "预测 {what}"},
    "quiz_intro": {
        "en": "Predict, then reveal: the picture stops just before one value is computed; everything computed so far is on it (hover for the numbers). Work the value out, type it, and check.",
        "zh": "先预测，再揭晓：图停在某个值被算出之前的那一刻，之前算出的所有数都在图上（悬停可看数值）。算出这个值，输入后点击“检查”。",
    },
    "quiz_progress": {"en": "Question {k} of {n}", "zh": "第 {k} 题，共 {n} 题"},
    "quiz_ask_a": {
        "en": "What is {what}, the activation of this neuron, for sample {s}?",
        "zh": "样本 {s} 的 {what}（这个神经元的激活值）是多少？",
    },
    "quiz_ask_delta": {
        "en": "What is {what}, this neuron's error term δ, for sample {s}?",
        "zh": "样本 {s} 的 {what}（这个神经元的误差项 δ）是多少？",
    },
    "quiz_ask_dW": {
        "en": "What is {what}, the gradient of J with respect to the ringed weight?",
        "zh": "{what}（J 对圈出的权重的梯度）是多少？",
    },
    "quiz_ask_sign": {
        "en": "Is {what} positive, negative or zero: should gradient descent make the ringed weight smaller or larger?",
        "zh": "{what} 是正、负还是零？梯度下降会让圈出的权重变小还是变大？",
    },
    "quiz_answer": {"en": "Your answer", "zh": "你的答案"},
    "quiz_answer_help": {
        "en": "A number as you would write it: −0.0713, -7.13e-2 or −7.13×10^−2. It counts when it agrees with the true value to {d} significant digits.",
        "zh": "像平时那样写数：−0.0713、-7.13e-2 或 −7.13×10^−2。与真实值在 {d} 位有效数字内一致即算对。",
    },
    "quiz_sign_pos": {"en": "+ positive", "zh": "+ 正"},
    "quiz_sign_neg": {"en": "− negative", "zh": "− 负"},
    "quiz_sign_zero": {"en": "0 zero", "zh": "0 零"},
    "quiz_check": {"en": "Check", "zh": "检查"},
    "quiz_reveal": {"en": "Reveal", "zh": "揭晓"},
    "quiz_next": {"en": "Next question", "zh": "下一题"},
    "quiz_right": {"en": "Right: {what} = {v}.", "zh": "答对了：{what} = {v}。"},
    "quiz_wrong": {
        "en": "Not quite: you wrote {yours}; {what} = {v}. The formula with this network's numbers is below.",
        "zh": "不太对：你写的是 {yours}；{what} = {v}。下面是代入这个网络数值的公式。",
    },
    "quiz_unreadable": {
        "en": "“{yours}” is not a number I can read; try −0.0713 or 7.13e-2.",
        "zh": "无法识别“{yours}”这个数；可以写成 −0.0713 或 7.13e-2。",
    },
    "quiz_empty": {"en": "Type your answer first (or press Reveal).", "zh": "请先输入答案（或点击“揭晓”）。"},
    "quiz_revealed": {"en": "{what} = {v}", "zh": "{what} = {v}"},
    "quiz_score": {"en": "Score: {right} of {asked}", "zh": "得分：{asked} 题中答对 {right} 题"},
    "quiz_seed": {
        "en": "Quiz {seed}: everyone who opens this page's address gets these questions on this network.",
        "zh": "测验编号 {seed}：打开本页地址的每个人都会在这个网络上得到同样的题目。",
    },
    "quiz_new_seed": {"en": "New questions", "zh": "换一组题"},
    "quiz_own_net": {"en": "A network of my own", "zh": "我自己的网络"},
    "quiz_own_net_help": {
        "en": "The same layers with weights drawn from a random seed of your own: each student works a different network; the teacher checks it in the answer key by its seed.",
        "zh": "层结构不变，权重由你自己的随机种子重新抽取：每个学生做的网络都不同；老师可在答案中按种子核对。",
    },
    "quiz_own_seed": {
        "en": "Your network is seed {seed} (tell your teacher).",
        "zh": "你的网络种子是 {seed}（请告诉老师）。",
    },
    "quiz_key": {"en": "Answer key (for the teacher)", "zh": "答案（供老师使用）"},
    "quiz_key_seed": {"en": "Network seed", "zh": "网络种子"},
    "quiz_key_help": {
        "en": "The answers to this quiz on the network with this initialisation seed (a student's “network of my own” shows its seed).",
        "zh": "这套测验在该初始化种子的网络上的答案（学生的“我自己的网络”会显示其种子）。",
    },
    "quiz_col_q": {"en": "question", "zh": "题目"},
    "quiz_col_value": {"en": "answer", "zh": "答案"},
    "quiz_key_drawn": {
        "en": "This network's weights were edited by hand, so no seed redraws them: the key is for the network on screen.",
        "zh": "这个网络的权重是手动编辑的，无法由种子重新生成：答案对应屏幕上的网络。",
    },
    "cr_quiz": {"en": "Predict first (quiz)", "zh": "先预测（测验）"},
    "cr_quiz_help": {
        "en": "Hide the derivation and δ until you have worked out ∂ℓ/∂w (or δ) yourself.",
        "zh": "在你自己算出 ∂ℓ/∂w（或 δ）之前，隐藏推导过程和 δ。",
    },
    "cr_quiz_ask_w": {
        "en": "What is ∂ℓ/∂{w} for sample {s}? (the picture shows a, not δ)",
        "zh": "样本 {s} 的 ∂ℓ/∂{w} 是多少？（图中显示 a，而不是 δ）",
    },
    "cr_quiz_ask_n": {
        "en": "What is {d} for sample {s}? (the picture shows a, not δ)",
        "zh": "样本 {s} 的 {d} 是多少？（图中显示 a，而不是 δ）",
    },
}
