// libtorch's random generator is one per process: a test class seeding it and drawing dropout
// masks while another class draws from it in parallel would make "same seed, same weights"
// fail by chance. The suite therefore runs one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
