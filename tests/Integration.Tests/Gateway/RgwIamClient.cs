using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace AssumeRolePipeline.Integration.Tests.Gateway;

/// <summary>
/// The few IAM role calls the tests need, as SigV4-signed form POSTs to the gateway (which serves IAM on
/// the same port as S3 and STS). The mirror here has no AWSSDK.IdentityManagement package, so this builds
/// the query-protocol request itself and leaves the signing key and hashes to AWSSDK.Core's SigV4 signer.
/// </summary>
internal sealed class RgwIamClient(RgwConfig config, ImmutableCredentials credentials) : IDisposable
{
    private const string Service = "iam";

    // A fresh connection per call and Connection: close, for the same reason as RgwClients: radosgw can
    // leave an unread body behind on a kept-alive connection after it refuses a request.
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Creates the role with this trust policy; returns its ARN as the gateway spells it.</summary>
    public async Task<string> CreateRoleAsync(string roleName, string trustPolicy, CancellationToken cancellationToken)
    {
        var response = await CallAsync("CreateRole", cancellationToken,
            ("RoleName", roleName), ("Path", "/"), ("AssumeRolePolicyDocument", trustPolicy)).ConfigureAwait(false);
        return response.Descendants().First(e => e.Name.LocalName == "Arn").Value;
    }

    public Task PutRolePolicyAsync(string roleName, string policyName, string policy, CancellationToken cancellationToken) =>
        CallAsync("PutRolePolicy", cancellationToken, ("RoleName", roleName), ("PolicyName", policyName), ("PolicyDocument", policy));

    public Task DeleteRolePolicyAsync(string roleName, string policyName, CancellationToken cancellationToken) =>
        CallAsync("DeleteRolePolicy", cancellationToken, ("RoleName", roleName), ("PolicyName", policyName));

    public Task DeleteRoleAsync(string roleName, CancellationToken cancellationToken) =>
        CallAsync("DeleteRole", cancellationToken, ("RoleName", roleName));

    /// <summary>An inline policy on a user (the gateway's admin needs the "user-policy" cap, which .ci/rgw/start gives).</summary>
    public Task PutUserPolicyAsync(string userName, string policyName, string policy, CancellationToken cancellationToken) =>
        CallAsync("PutUserPolicy", cancellationToken, ("UserName", userName), ("PolicyName", policyName), ("PolicyDocument", policy));

    public Task DeleteUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken) =>
        CallAsync("DeleteUserPolicy", cancellationToken, ("UserName", userName), ("PolicyName", policyName));

    public void Dispose() => _http.Dispose();

    private async Task<XDocument> CallAsync(string action, CancellationToken cancellationToken, params (string Name, string Value)[] parameters)
    {
        (string Name, string Value)[] all = [("Action", action), .. parameters, ("Version", "2010-05-08")];
        var form = string.Join('&', all.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));
        var body = Encoding.UTF8.GetBytes(form);

        using var request = new HttpRequestMessage(HttpMethod.Post, config.Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
        request.Headers.ConnectionClose = true;
        Sign(request, body);

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var xml = text.Length == 0 ? new XDocument() : XDocument.Parse(text);
        if (!response.IsSuccessStatusCode)
            throw new RgwIamException(action, response.StatusCode, xml.Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value);
        return xml;
    }

    // SigV4 over the two headers the gateway needs to see signed (host, x-amz-date) and the body's hash.
    private void Sign(HttpRequestMessage request, byte[] body)
    {
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var host = config.Endpoint.Authority;
        const string signedHeaders = "host;x-amz-date";

        var canonicalRequest = string.Join('\n',
            "POST", "/", string.Empty,
            $"host:{host}", $"x-amz-date:{amzDate}", string.Empty,
            signedHeaders, Hex(AWS4Signer.ComputeHash(body)));
        var scope = $"{date}/{RgwClients.Region}/{Service}/aws4_request";
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(AWS4Signer.ComputeHash(canonicalRequest)));
        var key = AWS4Signer.ComposeSigningKey(credentials.SecretKey, RgwClients.Region, date, Service);
        var signature = Hex(AWS4Signer.SignBlob(key, stringToSign));

        request.Headers.Host = host;
        request.Headers.Add("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization",
            $"AWS4-HMAC-SHA256 Credential={credentials.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
