"""Connect to a Dask cluster: a local one started here, or an existing scheduler by address."""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator

from claimgraph.errors import ConfigError

_LOCAL = re.compile(r"^local(?::(\d+))?$")


def parse_cluster(spec: str) -> tuple[str, int | None]:
    """``local`` / ``local:N`` → ("local", N or None); ``tcp://HOST:PORT`` (or tls://) → (address, None).

    Raises:
        ConfigError: the spec is neither.
    """
    spec = spec.strip()
    match = _LOCAL.match(spec)
    if match:
        workers = int(match.group(1)) if match.group(1) else None
        if workers is not None and workers < 1:
            raise ConfigError("--cluster local:N needs N >= 1 workers")
        return "local", workers
    if re.match(r"^(tcp|tls|ucx)://[^/\s]+:\d+$", spec):
        return spec, None
    raise ConfigError(f"--cluster {spec!r}: give local, local:N or tcp://HOST:PORT")


@contextlib.contextmanager
def open_client(spec: str, *, processes: bool = True, timeout: float = 10.0) -> Iterator[object]:
    """A ``distributed.Client`` for the spec, closed (and a local cluster shut down) on exit.

    A local cluster runs one single-threaded worker process per core unless N is given: spaCy
    holds the GIL for much of its work, so processes rather than threads give the parallelism.
    """
    from distributed import Client, LocalCluster

    target, workers = parse_cluster(spec)
    if target != "local":
        try:
            client = Client(target, timeout=timeout)
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {target}: {exc}") from exc
        with client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers or os.cpu_count() or 1,
        threads_per_worker=1,
        processes=processes,
        dashboard_address=":0",
    )
    with cluster, Client(cluster) as client:
        yield client
