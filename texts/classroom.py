"""Strings of the classroom page (lessons/classroom.py) and the lesson bar (ui/lesson.py)."""

from __future__ import annotations

CLASSROOM_STRINGS: dict[str, dict[str, str]] = {
    "page_classroom": {"en": "Classroom", "zh": "课堂"},
    "cl_intro": {
        "en": "For the teacher: a lesson as a sequence of steps played with the clicker, the same lesson as one offline file for a USB stick, and worksheets with their answer keys for the current network.",
        "zh": "供老师使用：把一节课做成可用翻页笔播放的步骤序列，导出成可放在 U 盘里离线播放的单个文件，并为当前网络生成练习题和答案。",
    },
    "ls_title": {"en": "Lesson sequence", "zh": "课程步骤"},
    "ls_name": {"en": "Lesson title", "zh": "课程标题"},
    "ls_add_head": {"en": "Add the current network as a step", "zh": "把当前网络加为一个步骤"},
    "ls_page": {"en": "Page", "zh": "页面"},
    "ls_frame": {"en": "Frame of the animation (0: the page's own)", "zh": "动画帧（0 表示页面默认）"},
    "ls_frame_help": {
        "en": "The explorer's frame slider shows the number of each frame (the last: all gradients).",
        "zh": "探索器的帧滑块会显示每一帧的编号（最后一帧：全部梯度）。",
    },
    "ls_note": {"en": "Note for this step", "zh": "这一步的说明"},
    "ls_add": {"en": "Add step", "zh": "添加步骤"},
    "ls_added": {"en": "Step {k} added.", "zh": "已添加第 {k} 步。"},
    "ls_empty": {
        "en": "No steps yet: build a network in the sidebar, then add it here as a step.",
        "zh": "还没有步骤：先在侧边栏搭建网络，再在这里把它加为一个步骤。",
    },
    "ls_col_step": {"en": "step", "zh": "步骤"},
    "ls_col_page": {"en": "page", "zh": "页面"},
    "ls_col_net": {"en": "network", "zh": "网络"},
    "ls_col_frame": {"en": "frame", "zh": "帧"},
    "ls_col_note": {"en": "note", "zh": "说明"},
    "ls_pick": {"en": "Step", "zh": "步骤"},
    "ls_up": {"en": "Up", "zh": "上移"},
    "ls_down": {"en": "Down", "zh": "下移"},
    "ls_delete": {"en": "Delete", "zh": "删除"},
    "ls_play": {"en": "Play in lecture mode", "zh": "以授课模式播放"},
    "ls_play_help": {
        "en": "Opens step 1 in presentation mode; the clicker's PageDown goes through each animation and on to the next step.",
        "zh": "以演示模式打开第 1 步；翻页笔的 PageDown 会走完每段动画并进入下一步。",
    },
    "ls_download": {"en": "Download the lesson (JSON)", "zh": "下载课程（JSON）"},
    "ls_upload": {"en": "Open a lesson file", "zh": "打开课程文件"},
    "ls_opened": {"en": "Lesson “{title}” opened: {n} steps.", "zh": "已打开课程“{title}”：共 {n} 步。"},
    "ls_bad": {"en": "This lesson could not be opened: {err}", "zh": "无法打开这个课程：{err}"},
    "ls_link": {"en": "Link to this lesson", "zh": "课程链接"},
    "ls_link_too_long": {
        "en": "This lesson is too big for a link: share its file instead.",
        "zh": "这个课程太大，无法放进链接：请分享课程文件。",
    },
    "ls_offline": {"en": "Offline lesson file (.html)", "zh": "离线课程文件（.html）"},
    "ls_offline_help": {
        "en": "One file that plays every explorer step of this lesson (or the current network if the lesson is empty) with no server and no internet: open it in any browser, from a USB stick.",
        "zh": "一个文件即可播放本课程中探索器的每一步（课程为空时播放当前网络），无需服务器和网络：用任何浏览器从 U 盘打开即可。",
    },
    "ls_step": {"en": "Lesson: step {k} of {n}", "zh": "课程：第 {k} 步，共 {n} 步"},
    "ls_prev": {"en": "Previous", "zh": "上一步"},
    "ls_next": {"en": "Next", "zh": "下一步"},
    "ls_end": {"en": "End", "zh": "结束"},
    "cl_ws_title": {"en": "Worksheets", "zh": "练习题"},
    "ws_intro": {
        "en": "For the current network and sample: the diagram, the given values and empty boxes for z, a, δ, ∂J/∂W and ∂J/∂b; the answer key fills them in; the CSV holds every intermediate for checking homework by machine.",
        "zh": "针对当前网络和样本：网络图、已知数值，以及填写 z、a、δ、∂J/∂W 和 ∂J/∂b 的空格；答案卷把它们全部填好；CSV 包含所有中间结果，便于用程序批改作业。",
    },
    "ws_paper": {"en": "Paper", "zh": "纸张"},
    "ws_sheet": {"en": "Worksheet (PDF)", "zh": "练习题（PDF）"},
    "ws_key": {"en": "Answer key (PDF)", "zh": "答案（PDF）"},
    "ws_csv": {"en": "Every intermediate (CSV)", "zh": "全部中间结果（CSV）"},
}
