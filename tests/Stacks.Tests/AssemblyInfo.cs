// Pulumi's mock deployments share process-wide state: they must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
