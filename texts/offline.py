"""Strings of the offline lesson file (viz/offline.py): every word its page shows besides the figure's own."""

from __future__ import annotations

OFFLINE_STRINGS: dict[str, dict[str, str]] = {
    "off_lesson": {"en": "Backprop lesson", "zh": "反向传播课件"},
    "off_step_of": {"en": "Step {k} of {n}", "zh": "第 {k} 节，共 {n} 节"},
    "off_prev_step": {"en": "◀ Previous step", "zh": "◀ 上一节"},
    "off_next_step": {"en": "Next step ▶", "zh": "下一节 ▶"},
    "off_steps": {"en": "Lesson steps", "zh": "课件各节"},
    "off_note": {"en": "Teacher's note", "zh": "教师说明"},
    "off_keys": {
        "en": "Keys: Space play / pause · → or PageDown next · ← or PageUp back · Home / End first / last frame",
        "zh": "按键：空格 播放 / 暂停 · → 或 PageDown 下一帧 · ← 或 PageUp 上一帧 · Home / End 第一帧 / 最后一帧",
    },
    "off_made": {
        "en": "Made with Backprop Explorer · works offline, nothing is loaded from the internet",
        "zh": "由反向传播探索器生成 · 离线可用，不从网络加载任何内容",
    },
    "off_noscript": {
        "en": "This lesson needs JavaScript: open the file in a current browser (Chrome, Edge, Firefox or Safari).",
        "zh": "这个课件需要 JavaScript：请用较新的浏览器（Chrome、Edge、Firefox 或 Safari）打开这个文件。",
    },
    "off_plot": {"en": "The network, animated", "zh": "网络动画"},
}
