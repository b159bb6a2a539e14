// Each test starts a server and Node (and sometimes Chromium): on two cores they are steadier one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
