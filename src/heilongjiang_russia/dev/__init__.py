"""Developer tools: the release, the benchmarks and the replication README."""
