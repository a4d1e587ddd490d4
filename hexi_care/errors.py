"""The exception hierarchy: the user's or the environment's problem versus a bug.

A `UserProblem` carries a message key and parameters; `messages.py` phrases it in Chinese or English.
Its text never contains personal data, passwords or keys, so it is safe to log and to show.
Anything else that escapes is a bug: the CLI and GUI log its traceback and say so.
"""

from __future__ import annotations

from typing import Any


class HexiError(Exception):
    """Base of everything hexi-care raises on purpose."""


class UserProblem(HexiError):
    """Something the user or their machine can fix. `exit_code` follows the CLI contract."""

    exit_code = 1
    key = "error"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.key)

    def message(self, lang: str = "zh") -> str:
        from hexi_care.messages import render

        return render(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.message("en")


class UsageError(UserProblem):
    exit_code = 2
    key = "usage"


class AuthFailed(UserProblem):
    """Wrong user name or password, or a recovery code that does not open the store."""

    exit_code = 3
    key = "auth_failed"


class AuthThrottled(AuthFailed):
    """Too many failed attempts: wait `wait_seconds` before the next one."""

    key = "auth_throttled"

    @property
    def wait_seconds(self) -> float:
        return float(self.params.get("seconds", 0))


class ScopeDenied(UserProblem):
    """Outside the user's units, or not allowed for the user's role."""

    exit_code = 4
    key = "scope_denied"


class InvalidInput(UserProblem):
    """Bad input; `field` names the field and `problem` the message key of what is wrong."""

    exit_code = 5
    key = "invalid_input"

    def __init__(self, field: str, problem: str, /, **params: Any) -> None:
        super().__init__("invalid_input", field=field, problem=problem, **params)

    @property
    def field(self) -> str:
        return str(self.params["field"])

    @property
    def problem(self) -> str:
        return str(self.params["problem"])


class SubmitIncomplete(InvalidInput):
    """A visit sent for review without what a submission needs (domain.submission); `missing`
    lists every such field, `field` the first of them."""

    def __init__(self, missing: list[str] | tuple[str, ...]) -> None:
        super().__init__(missing[0], "needed_to_submit", needed=tuple(missing))

    def message(self, lang: str = "zh") -> str:
        # The key stays "invalid_input" (the CLI's JSON contract); the sentence names every field.
        from hexi_care.messages import render

        return render("submit_incomplete", lang, **self.params)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(self.params["needed"])


class ChangedByOther(UserProblem):
    """The record was changed by someone else since it was read (a version column): the change is
    refused, never written over theirs. `who` and `at` say who and when, if known."""

    exit_code = 5
    key = "changed_by_other"


class NotFound(UserProblem):
    exit_code = 5
    key = "not_found"


class Ambiguous(UserProblem):
    """A reference (a name, an id prefix) that matches several records."""

    exit_code = 5
    key = "ambiguous"

    def __init__(self, /, **params: Any) -> None:
        super().__init__("ambiguous", problem="ambiguous", **params)


class ExchangeRefused(UserProblem):
    """An exchange step refused for the user's reason (a revoked peer, a store of the wrong role):
    exit 5, with a machine-readable `problem` code for `--json`."""

    exit_code = 5
    key = "exchange.refused"

    def __init__(self, key: str, /, reason: str, **params: Any) -> None:
        super().__init__(key, problem=reason, **params)


class StoreProblem(UserProblem):
    exit_code = 6
    key = "store_problem"


class StoreLocked(StoreProblem):
    """Another program holds the store (or its write lock)."""

    key = "store_locked"


class StoreDamaged(StoreProblem):
    key = "store_damaged"


class StoreTooNew(StoreProblem):
    key = "store_too_new"


class StoreMissing(StoreProblem):
    key = "store_missing"


class StoreExists(StoreProblem):
    key = "store_exists"


class DiskFull(StoreProblem):
    key = "disk_full"


class StoreReadOnly(StoreProblem):
    """The store (or the folder written to) is on a read-only medium or not writable."""

    key = "store_read_only"


class StoreGone(StoreProblem):
    """The store's file or medium went away while open (a USB stick pulled out)."""

    key = "store_gone"


# The reason codes a refused package reports to scripts (`--json` "problem"): one public word for
# what went wrong, however it was found (a flipped byte fails the signature or the seal).
PACKAGE_CODES = {
    "bad_signature": "tampered",
    "mismatch": "tampered",
    "damaged": "tampered",
    "revoked_sender": "revoked",
    "too_new": "newer_version",
    "too_big": "too_large",
    "incomplete": "missing_parts",
}


class BadPackage(UserProblem):
    """An exchange package that cannot be imported; `reason` says why (messages
    `package.<reason>`), `problem` is its public reason code (docs/cli.md)."""

    exit_code = 5
    key = "bad_package"

    def __init__(self, key: str | None = None, /, **params: Any) -> None:
        reason = str(params.get("reason", ""))
        params.setdefault("problem", PACKAGE_CODES.get(reason, reason) or None)
        super().__init__(key, **params)

    @property
    def code(self) -> str:
        return str(self.params.get("problem") or "")
