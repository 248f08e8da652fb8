"""Problems found in staff input: Vietnamese message, file:line and a hint to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ERROR = "lỗi"
WARNING = "cảnh báo"


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = ERROR
    code: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text


@dataclass
class Problems:
    """Collects every problem of one pass, so staff see all of them at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str | Path, line: int, message: str, hint: str = "", *,
            severity: str = ERROR, code: str = "") -> None:
        self.items.append(Problem(str(path), max(int(line), 1), message, hint, severity, code))

    def warn(self, path: str | Path, line: int, message: str, hint: str = "", *, code: str = "") -> None:
        self.add(path, line, message, hint, severity=WARNING, code=code)

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if not p.is_error]

    def __iter__(self):
        return iter(sorted(self.items, key=lambda p: (p.path, p.line)))

    def __len__(self) -> int:
        return len(self.items)

    def report(self) -> str:
        lines = [str(p) for p in self]
        lines.append(f"Tổng cộng: {len(self.errors)} lỗi, {len(self.warnings)} cảnh báo.")
        return "\n".join(lines)


class PlanError(Exception):
    """Raised when plans have errors that must stop the build; carries every problem."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(
            "Không thể dựng trang vì kế hoạch có lỗi (sửa rồi chạy lại):\n" + problems.report()
        )
