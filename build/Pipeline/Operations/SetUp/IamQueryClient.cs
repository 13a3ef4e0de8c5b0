using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;

namespace AssumeRolePipeline.Pipeline.Operations.SetUp;

/// <summary>
/// The few IAM calls the set-up makes, over IAM's query API (a signed form POST answered in XML), because
/// AWSSDK.IdentityManagement is not served here. Every failure is an <see cref="IamCallException"/>; the credentials are
/// used to sign and never appear in a message.
/// </summary>
public sealed class IamQueryClient
{
    public const string ApiVersion = "2010-05-08";
    public static readonly XNamespace Namespace = "https://iam.amazonaws.com/doc/2010-05-08/";
    private const int MaxMessageLength = 300;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _signingRegion;
    private readonly ImmutableCredentials _credentials;
    private readonly TimeProvider _time;

    /// <param name="endpoint">IAM's endpoint for the partition (<see cref="EndpointFor"/>) or a local one in tests.</param>
    /// <param name="signingRegion">The region IAM's signatures are scoped to (<see cref="SigningRegionFor"/>).</param>
    public IamQueryClient(HttpClient http, Uri endpoint, string signingRegion, ImmutableCredentials credentials, TimeProvider time)
    {
        _http = http;
        _endpoint = endpoint;
        _signingRegion = signingRegion;
        _credentials = credentials;
        _time = time;
    }

    /// <summary>IAM is global per partition, with one endpoint each.</summary>
    public static Uri EndpointFor(string partition) => partition switch
    {
        "aws-cn" => new Uri("https://iam.cn-north-1.amazonaws.com.cn/"),
        "aws-us-gov" => new Uri("https://iam.us-gov.amazonaws.com/"),
        _ => new Uri("https://iam.amazonaws.com/"),
    };

    public static string SigningRegionFor(string partition) => partition switch
    {
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    };

    /// <summary>The audiences (client ids) of an OpenID Connect provider; null when there is no such provider.</summary>
    public async Task<IReadOnlyList<string>?> GetOpenIdConnectProviderClientIdsAsync(string providerArn, CancellationToken cancellationToken)
    {
        var result = await OrNullWhenMissingAsync("GetOpenIDConnectProvider", [new("OpenIDConnectProviderArn", providerArn)], cancellationToken)
            .ConfigureAwait(false);
        if (result is null)
            return null;
        return [.. result.Element(Namespace + "ClientIDList")?.Elements(Namespace + "member").Select(m => m.Value.Trim()) ?? []];
    }

    /// <summary>Whether a managed policy exists.</summary>
    public async Task<bool> PolicyExistsAsync(string policyArn, CancellationToken cancellationToken) =>
        await OrNullWhenMissingAsync("GetPolicy", [new("PolicyArn", policyArn)], cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>A role's trust policy as IAM returns it (URL-encoded); null when there is no such role.</summary>
    public async Task<string?> GetRoleTrustPolicyAsync(string roleName, CancellationToken cancellationToken)
    {
        var result = await OrNullWhenMissingAsync("GetRole", [new("RoleName", roleName)], cancellationToken).ConfigureAwait(false);
        if (result is null)
            return null;
        return result.Element(Namespace + "Role")?.Element(Namespace + "AssumeRolePolicyDocument")?.Value.Trim() ?? string.Empty;
    }

    private async Task<XElement?> OrNullWhenMissingAsync(string action, KeyValuePair<string, string>[] parameters, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(action, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (IamCallException e) when (e.IsNoSuchEntity)
        {
            return null;
        }
    }

    /// <summary>Calls one action and returns its <c>&lt;ActionResult&gt;</c> element.</summary>
    public async Task<XElement> CallAsync(string action, IReadOnlyList<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var form = string.Join('&', new KeyValuePair<string, string>[] { new("Action", action), new("Version", ApiVersion) }.Concat(parameters)
            .Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var body = Encoding.UTF8.GetBytes(form);
        const string contentType = "application/x-www-form-urlencoded; charset=utf-8";
        var host = _endpoint.IsDefaultPort ? _endpoint.Host : $"{_endpoint.Host}:{_endpoint.Port}";
        var headers = SigV4.Sign("POST", [new("Host", host), new("Content-Type", contentType)], body, _credentials, _signingRegion, "iam",
            _time.GetUtcNow());

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers.Where(h => h.Key is not ("Host" or "Content-Type")))
            request.Headers.TryAddWithoutValidation(name, value);

        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException or SocketException or TaskCanceledException)
        {
            throw new IamCallException(action, null, null, Flatten(e.Message));
        }

        using (response)
        {
            XDocument document;
            try
            {
                document = XDocument.Parse(text);
            }
            catch (XmlException)
            {
                throw new IamCallException(action, response.StatusCode, null, "the answer was not IAM's XML");
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
                var code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value.Trim();
                var message = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? string.Empty;
                throw new IamCallException(action, response.StatusCode, string.IsNullOrEmpty(code) ? null : code, Flatten(message));
            }

            return document.Root?.Element(Namespace + $"{action}Result")
                   ?? throw new IamCallException(action, response.StatusCode, null, $"the answer held no {action}Result");
        }
    }

    /// <summary>One line, not too long: AWS messages can carry a whole canonical request.</summary>
    private static string Flatten(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxMessageLength ? line : line[..MaxMessageLength] + "…";
    }
}
