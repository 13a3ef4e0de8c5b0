namespace AssumeRolePipeline.Integration.Tests.Gateway;

/// <summary>What .ci/rgw/start wrote: the gateway's address and the keys of its three users.</summary>
internal sealed record RgwConfig(Uri Endpoint, RgwUser Admin, RgwUser Unprivileged, RgwUser Stranger);
