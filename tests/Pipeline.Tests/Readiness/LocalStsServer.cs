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
/// ("ok" for success; "Code@500" for another status than 403; "drop" to cut the connection without an
/// answer), and records what it was asked. Enough for the real AWS SDK client to talk to.
/// </summary>
internal sealed class LocalStsServer : IAsyncDisposable
{
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    private readonly WebApplication _app;

    private LocalStsServer(WebApplication app) => _app = app;

    public ConcurrentQueue<string> GetCallerIdentityScript { get; } = new();

    public ConcurrentQueue<string> AssumeRoleScript { get; } = new();

    public ConcurrentQueue<(string Action, IReadOnlyDictionary<string, string> Form, string? Authorization)> Requests { get; } = new();

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
            var (code, status) = reply.Split('@') is [var c, var s] ? (c, int.Parse(s, CultureInfo.InvariantCulture)) : (reply, 403);
            context.Response.StatusCode = status;
            await context.Response.WriteAsync(
                $"<ErrorResponse xmlns=\"{Namespace}\"><Error><Type>Sender</Type><Code>{code}</Code>" +
                $"<Message>scripted {code}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>");
            return;
        }

        await context.Response.WriteAsync(action == "AssumeRole"
            ? $"<AssumeRoleResponse xmlns=\"{Namespace}\"><AssumeRoleResult><Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>" +
              "<SecretAccessKey>session-secret</SecretAccessKey><SessionToken>session-token</SessionToken>" +
              "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId>" +
              "<Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser></AssumeRoleResult>" +
              "<ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata></AssumeRoleResponse>"
            : $"<GetCallerIdentityResponse xmlns=\"{Namespace}\"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/u</Arn>" +
              "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult>" +
              "<ResponseMetadata><RequestId>req-3</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
