// libtorch's thread pool is one per process and the Redis tests restart servers and kill workers: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
