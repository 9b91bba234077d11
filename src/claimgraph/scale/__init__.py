"""Scale-out: analysis partitioned over Dask workers, streamed into the store.

    claimgraph analyze CORPUS --cluster local:4 --db postgresql://…
    claimgraph analyze CORPUS --cluster tcp://scheduler:8786 --format parquet --out out/

See docs/scale.md for running against an existing Dask cluster.
"""

from claimgraph.scale.cluster import open_client, parse_cluster
from claimgraph.scale.run import ScaledRun, align_stored, analyze_scaled, load_analysis

__all__ = ["ScaledRun", "align_stored", "analyze_scaled", "load_analysis", "open_client", "parse_cluster"]
