"""`export FORMAT PATH`: the fact base written whole in another form (see lunarfacts.export):
sqlite, a database; claimreview, the claims as ClaimReview JSON-LD (PATH `-`: standard output)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lunarfacts.cli import output
from lunarfacts.cli.session import Session
from lunarfacts.cli.spec import Command
from lunarfacts.errors import UsageError

STDOUT = "-"


def run_export(session: Session, command: Command, values: Mapping[str, Any]) -> None:
    from lunarfacts import export

    what, path = values["what"], values["path"]
    if what == "sqlite":
        if path == STDOUT:
            raise UsageError("export sqlite writes a file: give its PATH, not -")
        counts = export.export_sqlite(session.base(), path, replace=values["force"])
        output.note(f"wrote {path}: {counts.get('records', 0)} records in {len(counts)} tables")
        return
    from lunarfacts.jsonout import dump_json

    reviews = export.claim_reviews(session.base(), values["base_url"], values["author"] or "lunarfacts")
    text = dump_json(reviews, pretty=True)
    if path == STDOUT:
        output.write(text)
        return
    export.write_text(path, text, replace=values["force"])
    output.note(f"wrote {path}: {len(reviews)} ClaimReview objects")
    if not values["base_url"]:
        output.note("each review's url is a urn:lunarfacts: name; give --base-url where you publish them")
