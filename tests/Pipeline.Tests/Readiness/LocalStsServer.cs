using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AssumeRolePipeline.Pipeline.Tests.Readiness;

/// <summary>
/// STS on 127.0.0.1, speaking its query/XML protocol: each action answers from a script of error codes
/// ("ok" for success; a 403 unless written "status:code", e.g. "405:MethodNotAllowed", or "Code@500"; "drop"
/// to cut the connection without an answer), and records what it was asked. Enough for the real AWS SDK
/// client to talk to. AssumeRole answers with the session ARN AWS would give for the role and session asked for.
/// </summary>
internal sealed class LocalStsServer : IAsyncDisposable
{
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    private readonly WebApplication _app;

    private LocalStsServer(WebApplication app) => _app = app;

    public ConcurrentQueue<string> GetCallerIdentityScript { get; } = new();

    public ConcurrentQueue<string> AssumeRoleScript { get; } = new();

    public ConcurrentQueue<(string Action, IReadOnlyDictionary<string, string> Form, string? Authorization)> Requests { get; } = new();

    /// <summary>Whose key GetCallerIdentity says it was called with.</summary>
    public string CallerArn { get; set; } = "arn:aws:iam::123456789012:user/u";

    /// <summary>The session ARN AssumeRole answers with; null for the one AWS would give.</summary>
    public string? AssumedRoleArn { get; set; }

    /// <summary>The credentials of every session AssumeRole hands out.</summary>
    public const string SessionKeyId = "ASIAIOSFODNN7EXAMPLE";

    public const string SessionSecret = "session-secret";

    public const string SessionToken = "session-token";

    public string Url => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<LocalStsServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LocalStsServer(app);
        app.MapPost("/", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    public static void Script(ConcurrentQueue<string> script, params string[] replies)
    {
        foreach (var reply in replies)
            script.Enqueue(reply);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        var action = fields.GetValueOrDefault("Action") ?? "?";
        Requests.Enqueue((action, fields, context.Request.Headers.Authorization.ToString()));
        var script = action == "AssumeRole" ? AssumeRoleScript : GetCallerIdentityScript;
        var reply = script.TryDequeue(out var next) ? next : "ok";

        if (reply == "drop")
        {
            context.Abort();
            return;
        }

        context.Response.ContentType = "text/xml";
        if (reply != "ok")
        {
            var (code, status) = reply.Split(':', 2) is [var number, var named] && int.TryParse(number, CultureInfo.InvariantCulture, out var given)
                ? (named, given)
                : reply.Split('@') is [var c, var s] ? (c, int.Parse(s, CultureInfo.InvariantCulture)) : (reply, 403);
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(
                $"<ErrorResponse xmlns=\"{Namespace}\"><Error><Type>Sender</Type><Code>{code}</Code>" +
                $"<Message>scripted {code}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>");
            return;
        }

        await context.Response.WriteAsync(action == "AssumeRole"
            ? $"<AssumeRoleResponse xmlns=\"{Namespace}\"><AssumeRoleResult><Credentials><AccessKeyId>{SessionKeyId}</AccessKeyId>" +
              $"<SecretAccessKey>{SessionSecret}</SecretAccessKey><SessionToken>{SessionToken}</SessionToken>" +
              "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId>" +
              $"<Arn>{AssumedRoleArn ?? SessionArn(fields)}</Arn></AssumedRoleUser></AssumeRoleResult>" +
              "<ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata></AssumeRoleResponse>"
            : $"<GetCallerIdentityResponse xmlns=\"{Namespace}\"><GetCallerIdentityResult><Arn>{CallerArn}</Arn>" +
              "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>" +
              "<ResponseMetadata><RequestId>req-3</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
    }

    // arn:aws:iam::ACCOUNT:role/PATH/NAME assumed as SESSION is arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION.
    private static string SessionArn(Dictionary<string, string> fields)
    {
        var role = fields.GetValueOrDefault("RoleArn") ?? "arn:aws:iam::123456789012:role/r";
        var account = role.Split(':')[4];
        return $"arn:aws:sts::{account}:assumed-role/{role.Split('/')[^1]}/{fields.GetValueOrDefault("RoleSessionName") ?? "s"}";
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
