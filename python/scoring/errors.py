"""The one error shape of the scoring API, and the exception that carries it.

Every refusal, whichever backend would have answered, is one JSON body::

    {"error": {"code": "invalid_value", "message": "transactions[12].amount: not a finite number",
               "field": "transactions[12].amount"}}

``field`` names the request field (with its 0-based index in ``transactions``), or is null when the
error is not about one field (a body that is not JSON, an unknown route). ``message`` starts with the
field when there is one, so a log line or a client that shows only the message still says where.
"""

from __future__ import annotations

from typing import Any, Final

#: Error codes and their HTTP statuses (docs/scoring-service.md, "Errors").
INVALID_JSON: Final = "invalid_json"
MISSING_FIELD: Final = "missing_field"
UNKNOWN_FIELD: Final = "unknown_field"
WRONG_TYPE: Final = "wrong_type"
INVALID_VALUE: Final = "invalid_value"
UNKNOWN_CURRENCY: Final = "unknown_currency"
INVALID_TIMESTAMP: Final = "invalid_timestamp"
DUPLICATE_ID: Final = "duplicate_id"
TOO_MANY_TRANSACTIONS: Final = "too_many_transactions"
BODY_TOO_LARGE: Final = "body_too_large"
UNKNOWN_ACCOUNT: Final = "unknown_account"
NOT_FOUND: Final = "not_found"
METHOD_NOT_ALLOWED: Final = "method_not_allowed"
HTTP_ERROR: Final = "http_error"
INTERNAL: Final = "internal_error"

STATUS: Final[dict[str, int]] = {
    INVALID_JSON: 400,
    MISSING_FIELD: 422,
    UNKNOWN_FIELD: 422,
    WRONG_TYPE: 422,
    INVALID_VALUE: 422,
    UNKNOWN_CURRENCY: 422,
    INVALID_TIMESTAMP: 422,
    DUPLICATE_ID: 422,
    TOO_MANY_TRANSACTIONS: 413,
    BODY_TOO_LARGE: 413,
    UNKNOWN_ACCOUNT: 404,
    NOT_FOUND: 404,
    METHOD_NOT_ALLOWED: 405,
    INTERNAL: 500,
}


class ApiError(Exception):
    """A request the service refuses: ``code`` (a key of STATUS), a message, and the field it is about."""

    def __init__(self, code: str, message: str, field: str | None = None, *, status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field
        self.status = status if status is not None else STATUS[code]

    def body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, self.field)


def error_body(code: str, message: str, field: str | None) -> dict[str, Any]:
    """The JSON body of every error response."""
    return {"error": {"code": code, "message": message, "field": field}}


def field_error(code: str, field: str, problem: str) -> ApiError:
    """An error about one field; the message is ``<field>: <problem>``."""
    return ApiError(code, f"{field}: {problem}", field)
