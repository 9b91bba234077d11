"""``claimgraph timeml``: TIMEX3 tags go into <TEXT> at the right characters, entities intact."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from claimgraph.cli.main import app

TE3 = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07"
functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>
AT&amp;T said {gold} it would cut jobs {second}.
</TEXT>
</TimeML>
"""

CASES = [
    ("Friday", "three years ago", 'value="1998-08-07">Friday<', 'value="1995">three years ago<'),
    (
        '<TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>',
        "next year",
        'value="1998-08-07">Friday<',
        'value="1999">next year<',
    ),
]


@pytest.mark.parametrize(("gold", "second", "first_tag", "second_tag"), CASES)
def test_times_timeml_cli_tags_text(nlp, tmp_path, gold, second, first_tag, second_tag):
    source = tmp_path / "T1.tml.TE3input"
    source.write_text(TE3.format(gold=gold, second=second), encoding="utf-8")
    result = CliRunner().invoke(app, ["timeml", str(source), "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out" / "T1.tml").read_text(encoding="utf-8")
    text = re.search(r"<TEXT>(.*)</TEXT>", written, re.DOTALL).group(1)
    assert first_tag in text and second_tag in text
    assert "AT&amp;T" in text and text.count("<TIMEX3") == 2
    assert 'functionInDocument="CREATION_TIME"' in written


def test_times_timeml_cli_rejects_a_file_without_text(tmp_path):
    source = tmp_path / "broken.tml"
    source.write_text("<TimeML><DCT></DCT></TimeML>", encoding="utf-8")
    result = CliRunner().invoke(app, ["timeml", str(source)])
    assert result.exit_code == 1
