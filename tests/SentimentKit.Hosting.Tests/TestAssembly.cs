// libtorch's random generator and thread pool are one per process, and the hot-reload and browser tests load the
// machine on purpose: the suite runs one test at a time, as the library's own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
