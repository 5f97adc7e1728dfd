"""The command line: `main` runs the Typer app and turns every domain error into one message."""

from __future__ import annotations

import os
import sys

from lunarfacts.errors import EXIT_INTERRUPTED, LunarfactsError


def main(argv: list[str] | None = None) -> None:
    """The `lunarfacts` console script."""
    from lunarfacts.cli import output

    output.prepare_streams()
    try:
        from lunarfacts.cli.app import app

        app(args=argv, prog_name="lunarfacts")
    except LunarfactsError as error:
        output.error(str(error))
        raise SystemExit(error.exit_code) from None
    except KeyboardInterrupt:
        raise SystemExit(EXIT_INTERRUPTED) from None
    except BrokenPipeError:
        output.quiet_exit_on_closed_pipe()
    except Exception as error:  # a bug: one line, not a traceback, unless asked for
        if os.environ.get("LUNARFACTS_DEBUG"):
            raise
        output.error(f"internal error: {type(error).__name__}: {error} (set LUNARFACTS_DEBUG=1 for details)")
        raise SystemExit(1) from None
    sys.exit(0)
