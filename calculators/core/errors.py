# SPDX-License-Identifier: MIT
"""Errors a calculator can raise; each carries structured fields, not only text."""

from __future__ import annotations


class CalculatorError(Exception):
    """Base class. ``message`` is Chinese and safe to show to a resident."""

    kind = "error"

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def to_dict(self) -> dict[str, str]:
        return {"error": self.kind, "field": self.field, "message": self.message}


class InputError(CalculatorError):
    """Something the user typed (or did not type) cannot be used; names the field."""

    kind = "input_error"


class MissingParameterError(InputError):
    """A needed value is not known for this place and date: the user may supply it."""

    kind = "missing_parameter"
