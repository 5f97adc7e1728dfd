"""The command line: `main` runs a command and turns every error into one short message and its code.

Light at import: a plain command line or a TAB on a value is answered without Typer (see `fastpath`
and `fastcomplete`); anything else builds the Typer app from the command table.
"""

from __future__ import annotations

import errno
import os
import sys

from lunarfacts.errors import EXIT_FAILURE, EXIT_INTERRUPTED, LunarfactsError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; mypy reads it the same
if TYPE_CHECKING:
    from typing import NoReturn


_WRITE_ERRORS = frozenset((errno.ENOSPC, errno.EDQUOT, errno.EBADF, errno.EIO, errno.EFBIG, errno.EAGAIN))


def _internal_error(error: Exception) -> NoReturn:
    """A bug: one line, not a traceback, unless asked for."""
    from lunarfacts.cli import output

    if os.environ.get("LUNARFACTS_DEBUG"):
        raise error
    output.error(f"internal error: {type(error).__name__}: {error} (set LUNARFACTS_DEBUG=1 for details)")
    raise SystemExit(EXIT_FAILURE) from None


def main(argv: list[str] | None = None) -> None:
    """The `lunarfacts` console script: exits with the code of SPEC §5, never with a traceback."""
    from lunarfacts.cli import output

    output.prepare_streams()
    args = sys.argv[1:] if argv is None else argv
    completing = "_LUNARFACTS_COMPLETE" in os.environ
    code: object = 0
    try:
        if completing:
            from lunarfacts.cli.fastcomplete import try_complete

            answer = try_complete()
            if answer is not None:
                if answer.text is not None:
                    output.write(answer.text + "\n")
                raise SystemExit(answer.code)
        else:
            from lunarfacts.cli.fastpath import try_run

            fast = try_run(args)
            if fast is not None:
                raise SystemExit(fast)
        code = _run_typer(args, completing)
        output.flush_stdout()
    except LunarfactsError as error:
        output.error(str(error))
        raise SystemExit(error.exit_code) from None
    except KeyboardInterrupt:
        raise SystemExit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        output.quiet_exit_on_closed_pipe()
    except SystemExit as exit_:
        # Rich (tables, --help) and Typer (--show-completion) meet a closed stdout by exiting 1 from
        # inside their BrokenPipeError handler; a closed pipe ends quietly with 141 whoever wrote.
        if isinstance(exit_.__context__, BrokenPipeError):
            output.quiet_exit_on_closed_pipe()
        output.flush_stdout()
        raise
    except OSError as error:
        # A write that failed inside Typer or Rich (--help to a full disk): what output.write says.
        if error.errno not in _WRITE_ERRORS:
            _internal_error(error)
        output.fail_to_write(error)
    except RecursionError:
        output.error("input nested too deeply to handle")
        raise SystemExit(EXIT_FAILURE) from None
    except Exception as error:  # a bug: one line, not a traceback, unless asked for
        _internal_error(error)
    raise SystemExit(code if isinstance(code, int) else 0)


def _run_typer(args: list[str], completing: bool) -> object:
    import typer

    from lunarfacts.cli.typerapp import build_app, requested_command

    app = build_app(None if completing else requested_command(args))
    try:
        # Not standalone: usage errors come back here, to be shown plainly (no Rich panel).
        return app(args=args, prog_name="lunarfacts", standalone_mode=False)
    except typer.TyperException as error:
        show = getattr(error, "show", None)
        if callable(show):
            show(file=sys.stderr)
        else:  # pragma: no cover - every Typer usage error has show()
            from lunarfacts.cli import output

            output.error(error.format_message())
        raise SystemExit(error.exit_code) from None
    except typer.Abort:
        raise SystemExit(EXIT_INTERRUPTED) from None
