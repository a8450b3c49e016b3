"""The debugger's panels. Each one shows a `Moment` of a `Run`; none computes a formula."""
