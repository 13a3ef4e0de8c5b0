using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using AssumeRolePipeline.Pipeline.Operations.SetUp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AssumeRolePipeline.Pipeline.Tests.SetUp.Aws;

/// <summary>One IAM call as the server saw it.</summary>
internal sealed record IamRequest(string Action, IReadOnlyDictionary<string, string> Form, string Authorization, string? SecurityToken);

/// <summary>
/// IAM's query API on 127.0.0.1: it checks each request's SigV4 signature against the secret it was told (a mismatch is
/// IAM's 403 SignatureDoesNotMatch), records the call, and answers in the shapes of IAM's published response examples
/// (GetOpenIDConnectProvider, GetPolicy, GetRole, and ErrorResponse with NoSuchEntity and the rest).
/// </summary>
internal sealed partial class LocalIamServer : IAsyncDisposable
{
    private const string Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";
    private readonly WebApplication _app;

    private LocalIamServer(WebApplication app, string secretKey)
    {
        _app = app;
        SecretKey = secretKey;
    }

    public string SecretKey { get; }

    public ConcurrentQueue<IamRequest> Requests { get; } = new();

    /// <summary>The audiences of GitHub's provider, by its ARN; absent: NoSuchEntity.</summary>
    public ConcurrentDictionary<string, string[]> OidcProviders { get; } = new();

    /// <summary>Managed policies that exist, by ARN.</summary>
    public ConcurrentDictionary<string, bool> Policies { get; } = new();

    /// <summary>Each role's trust policy as JSON (sent URL-encoded, as IAM does), by role name.</summary>
    public ConcurrentDictionary<string, string> Roles { get; } = new();

    /// <summary>A scripted failure per action: "Code@status" (e.g. "AccessDenied@403", "Throttling@400").</summary>
    public ConcurrentDictionary<string, string> Failures { get; } = new();

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public static async Task<LocalIamServer> StartAsync(string secretKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LocalIamServer(app, secretKey);
        app.MapPost("/", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.ElementAtOrDefault(1) ?? string.Empty));
        var action = form.GetValueOrDefault("Action") ?? "?";
        var authorization = context.Request.Headers.Authorization.ToString();
        Requests.Enqueue(new IamRequest(action, form, authorization, context.Request.Headers[SigV4.TokenHeader].FirstOrDefault()));
        context.Response.ContentType = "text/xml";

        if (!SignatureHolds(context.Request, authorization, Encoding.UTF8.GetBytes(body)))
        {
            await Error(context, "SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided.");
            return;
        }

        if (Failures.TryGetValue(action, out var failure) && failure.Split('@') is [var code, var status])
        {
            await Error(context, code, int.Parse(status, CultureInfo.InvariantCulture), $"User: arn:aws:iam::123456789012:user/u is not authorized ({code})");
            return;
        }

        switch (action)
        {
            case "GetOpenIDConnectProvider" when OidcProviders.TryGetValue(form["OpenIDConnectProviderArn"], out var audiences):
                await context.Response.WriteAsync(
                    $"<GetOpenIDConnectProviderResponse xmlns=\"{Namespace}\">\n  <GetOpenIDConnectProviderResult>\n    <ThumbprintList>\n" +
                    "      <member>c3768084dfb3d2b68b7897bf5f565da8eEXAMPLE</member>\n    </ThumbprintList>\n" +
                    "    <CreateDate>2014-10-09T03:32:51.398Z</CreateDate>\n    <ClientIDList>\n" +
                    string.Concat(audiences.Select(a => $"      <member>{SecurityElement.Escape(a)}</member>\n")) +
                    "    </ClientIDList>\n    <Url>token.actions.githubusercontent.com</Url>\n  </GetOpenIDConnectProviderResult>\n" +
                    "  <ResponseMetadata>\n    <RequestId>2c91531b-4f65-11e4-aefa-bfd6aEXAMPLE</RequestId>\n  </ResponseMetadata>\n" +
                    "</GetOpenIDConnectProviderResponse>");
                return;
            case "GetPolicy" when Policies.ContainsKey(form["PolicyArn"]):
                var arn = form["PolicyArn"];
                await context.Response.WriteAsync(
                    $"<GetPolicyResponse xmlns=\"{Namespace}\">\n  <GetPolicyResult>\n    <Policy>\n" +
                    $"      <PolicyName>{arn.Split('/')[^1]}</PolicyName>\n      <DefaultVersionId>v1</DefaultVersionId>\n" +
                    "      <PolicyId>AGPACKCEVSQ6C2EXAMPLE</PolicyId>\n      <Path>/</Path>\n" +
                    $"      <Arn>{arn}</Arn>\n      <AttachmentCount>9</AttachmentCount>\n" +
                    "      <CreateDate>2014-09-15T17:36:14Z</CreateDate>\n      <UpdateDate>2014-09-15T20:31:47Z</UpdateDate>\n" +
                    "    </Policy>\n  </GetPolicyResult>\n  <ResponseMetadata>\n    <RequestId>684cf473-8db5-11e4-b1da-EXAMPLE</RequestId>\n" +
                    "  </ResponseMetadata>\n</GetPolicyResponse>");
                return;
            case "GetRole" when Roles.TryGetValue(form["RoleName"], out var trust):
                var name = form["RoleName"];
                await context.Response.WriteAsync(
                    $"<GetRoleResponse xmlns=\"{Namespace}\">\n  <GetRoleResult>\n    <Role>\n      <Path>/</Path>\n" +
                    $"      <Arn>arn:aws:iam::123456789012:role/{name}</Arn>\n      <RoleName>{name}</RoleName>\n" +
                    $"      <AssumeRolePolicyDocument>{Uri.EscapeDataString(trust)}</AssumeRolePolicyDocument>\n" +
                    "      <CreateDate>2012-05-08T23:34:01Z</CreateDate>\n      <RoleId>AROADBQP57FF2AEXAMPLE</RoleId>\n" +
                    "      <RoleLastUsed>\n        <LastUsedDate>2019-11-20T17:09:20Z</LastUsedDate>\n        <Region>us-east-1</Region>\n" +
                    "      </RoleLastUsed>\n    </Role>\n  </GetRoleResult>\n  <ResponseMetadata>\n" +
                    "    <RequestId>df37e965-9967-11e1-a4c3-270EXAMPLE04</RequestId>\n  </ResponseMetadata>\n</GetRoleResponse>");
                return;
            default:
                await Error(context, "NoSuchEntity", 404, $"The entity {form.Values.LastOrDefault()} cannot be found.");
                return;
        }
    }

    /// <summary>Recomputes the signature from what arrived: the headers the client said it signed, the body, the secret.</summary>
    private bool SignatureHolds(HttpRequest request, string authorization, byte[] body)
    {
        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success)
            return false;
        var signed = match.Groups["headers"].Value.Split(';');
        var headers = signed.Select(h => new KeyValuePair<string, string>(h, request.Headers[h].ToString())).ToList();
        var (canonical, signedHeaders) = SigV4.CanonicalRequest(request.Method, headers, body);
        var signedAt = DateTime.ParseExact(request.Headers["X-Amz-Date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var expected = AWS4Signer.ComputeSignature(new ImmutableCredentials(match.Groups["key"].Value, SecretKey, null),
            match.Groups["region"].Value, signedAt, match.Groups["service"].Value, signedHeaders, canonical);
        return signedHeaders == match.Groups["headers"].Value && expected.Signature == match.Groups["signature"].Value &&
               match.Groups["service"].Value == "iam" && signed.Contains("host") && signed.Contains("x-amz-date");
    }

    private static Task Error(HttpContext context, string code, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsync(
            $"<ErrorResponse xmlns=\"{Namespace}\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>{code}</Code>\n" +
            $"    <Message>{SecurityElement.Escape(message)}</Message>\n  </Error>\n  <RequestId>4a0e3c0a-EXAMPLE</RequestId>\n</ErrorResponse>");
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/\d{8}/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, SignedHeaders=(?<headers>[^,]+), Signature=(?<signature>[0-9a-f]{64})\z")]
    private static partial Regex AuthorizationPattern();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
