"""A lesson: an ordered list of steps (a network, a page, a frame of the animation, a note) that a teacher
saves as one file or link and plays in lecture mode. Pure: validation and the JSON form.

File: {"lesson": 1, "title": "...", "steps": [{"page": "explorer", "config": {...}, "frame": 7,
"note": "..."}, ...]}. Every config is checked as a link's is (engine.config.from_dict within the work
budget); a problem is one LessonError naming the step and field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from engine.config import ConfigError, NetworkConfig, from_dict, one_line

PAGES = ("explorer", "chain_rule", "matrices", "gradient_check", "batches", "training", "data", "experiments")
MAX_STEPS = 50
MAX_NOTE = 1_000
MAX_TITLE = 200
MAX_FRAME = 200  # the timeline has 3L + 4 moments: at most 40 for 12 weight layers


class LessonError(ValueError):
    pass


@dataclass(frozen=True)
class Step:
    page: str
    config: NetworkConfig
    frame: int | None = None  # 1-based frame of the explorer's timeline; None: the page's own opening
    note: str = ""

    def to_dict(self) -> dict:
        d = {"page": self.page, "config": self.config.to_dict(), "note": self.note}
        if self.frame is not None:
            d["frame"] = self.frame
        return d


@dataclass(frozen=True)
class Lesson:
    steps: tuple[Step, ...] = ()
    title: str = ""

    def to_json(self, indent: int | None = None) -> str:
        body = {"lesson": 1, "title": self.title, "steps": [s.to_dict() for s in self.steps]}
        return json.dumps(body, indent=indent, ensure_ascii=False)

    def add(self, step: Step) -> Lesson:
        if len(self.steps) >= MAX_STEPS:
            raise LessonError(f"a lesson holds at most {MAX_STEPS} steps")
        return Lesson(self.steps + (step,), self.title)

    def without(self, k: int) -> Lesson:
        return Lesson(self.steps[:k] + self.steps[k + 1 :], self.title)

    def moved(self, k: int, by: int) -> Lesson:
        """Step k moved by one place up (by = −1) or down (+1), within the list."""
        j = k + by
        if not (0 <= k < len(self.steps) and 0 <= j < len(self.steps)):
            return self
        s = list(self.steps)
        s[k], s[j] = s[j], s[k]
        return Lesson(tuple(s), self.title)

    def with_note(self, k: int, note: str) -> Lesson:
        s = list(self.steps)
        s[k] = Step(s[k].page, s[k].config, s[k].frame, _text(note, MAX_NOTE, f"steps[{k}].note"))
        return Lesson(tuple(s), self.title)


def _text(v, most: int, where: str) -> str:
    if not isinstance(v, str):
        raise LessonError(f"{where} is {type(v).__name__}, expected text")
    return v[:most]


def from_json(text: str | bytes, budget: bool = True) -> Lesson:
    """A lesson file's contents, validated; LessonError (one line) on anything wrong."""
    try:
        d = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise LessonError(one_line(f"the lesson is not JSON ({e})")) from None
    if not isinstance(d, dict) or d.get("lesson") != 1 or not isinstance(d.get("steps"), list):
        raise LessonError('a lesson file is {"lesson": 1, "title": ..., "steps": [...]}')
    steps = d["steps"]
    if not steps:
        raise LessonError("the lesson has no steps")
    if len(steps) > MAX_STEPS:
        raise LessonError(f"the lesson has {len(steps):,} steps; at most {MAX_STEPS} are allowed")
    out = []
    for k, s in enumerate(steps):
        if not isinstance(s, dict):
            raise LessonError(f"steps[{k}] is {type(s).__name__}, expected an object")
        page = s.get("page", "explorer")
        if page not in PAGES:
            raise LessonError(one_line(f"steps[{k}].page is {str(page)[:40]!r}; the pages are {', '.join(PAGES)}"))
        frame = s.get("frame")
        if frame is not None and (not isinstance(frame, int) or isinstance(frame, bool) or not 1 <= frame <= MAX_FRAME):
            raise LessonError(
                one_line(f"steps[{k}].frame is {str(frame)[:40]}, expected a frame from 1 to {MAX_FRAME}")
            )
        try:
            cfg = from_dict(s.get("config"), budget=budget)
        except ConfigError as e:
            raise LessonError(one_line(f"steps[{k}].config: {e}")) from None
        out.append(Step(page, cfg, frame, _text(s.get("note", ""), MAX_NOTE, f"steps[{k}].note")))
    return Lesson(tuple(out), _text(d.get("title", ""), MAX_TITLE, "title"))
