"""Markdown to plain text: the words a reader sees, without the markup around them."""

from __future__ import annotations

import re

MARKDOWN_SUFFIXES = (".md", ".markdown")

_FENCE = re.compile(r"^```.*?^```[^\n]*$", re.MULTILINE | re.DOTALL)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s+\S+.*$", re.MULTILINE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.MULTILINE)
_SETEXT = re.compile(r"^(=+|-+)\s*$", re.MULTILINE)
_QUOTE = re.compile(r"^\s{0,3}>\s?", re.MULTILINE)
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+", re.MULTILINE)
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>\n]*>")


def is_markdown_source(source: str) -> bool:
    return source.lower().endswith(MARKDOWN_SUFFIXES)


def markdown_to_text(text: str) -> str:
    """Headings, links, emphasis, quotes and list markers become plain text; images and code
    blocks go (they are no part of the prose)."""
    text = _FENCE.sub("", text)
    text = _REF_DEF.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _RULE.sub("", text)
    text = _HEADING.sub(r"\1", text)
    text = _SETEXT.sub("", text)
    text = _QUOTE.sub("", text)
    text = _BULLET.sub("", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    text = _CODE.sub(r"\1", text)
    return _HTML_TAG.sub("", text)
