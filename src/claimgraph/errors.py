"""Errors claimgraph raises on purpose.

ClaimgraphError
├── ConfigError        a pipeline config, model or gazetteer cannot be loaded
├── InputError         an input cannot be read or is not an article (the run skips it)
│   └── FetchError     a URL could not be fetched (timeout, status, size, content type)
└── StoreError         the database cannot be opened or migrated
"""


class ClaimgraphError(Exception):
    """Base class for claimgraph's own errors."""


class ConfigError(ClaimgraphError):
    """A pipeline config, model or data file cannot be loaded."""


class InputError(ClaimgraphError):
    """An input cannot be analysed; the message is the one-line reason shown to the user."""


class FetchError(InputError):
    """A URL could not be fetched."""


class StoreError(ClaimgraphError):
    """The store cannot be opened, migrated or written."""
