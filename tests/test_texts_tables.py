"""The string tables merged into texts.STRINGS never share a key (a later table would silently win)."""

import importlib
import pkgutil

import texts


def test_no_two_string_tables_share_a_key():
    seen: dict[str, str] = {}
    for mod in pkgutil.iter_modules(texts.__path__):
        m = importlib.import_module(f"texts.{mod.name}")
        for name, table in vars(m).items():
            if name.endswith("_STRINGS") and isinstance(table, dict):
                for key in table:
                    assert key not in seen, f"{key} is in both {seen[key]} and texts.{mod.name}"
                    seen[key] = f"texts.{mod.name}"
    assert set(seen) <= set(texts.STRINGS)  # every table is merged
