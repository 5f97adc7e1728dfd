"""The commands, one module each: what a command does once its command line is read (no Typer here).

Each is called as `run_<name>(session, command, values)` by `cli.dispatch`, from the fast path or from
the Typer app, with the same values.
"""
