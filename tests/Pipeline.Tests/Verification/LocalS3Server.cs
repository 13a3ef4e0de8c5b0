using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using AssumeRolePipeline.Pipeline.Tests.GitHub;
using AssumeRolePipeline.Pipeline.Tests.Readiness;
using Microsoft.AspNetCore.Http;

namespace AssumeRolePipeline.Pipeline.Tests.Verification;

/// <summary>
/// The three S3 reads Verify makes (ListBuckets, ListObjectsV2, HeadBucket), path-style on 127.0.0.1 (over
/// the local HTTP server the GitHub tests use), for the real AWS SDK client. Each answers by who signed it
/// (the user's key, or a session <see cref="LocalStsServer"/> handed out) from <see cref="Replies"/>: "ok",
/// "status:code" (an S3 error), or "drop" (the connection is cut). By default as AWS does for this
/// project: the key is denied everything, the session reads.
/// </summary>
internal sealed class LocalS3Server : IAsyncDisposable
{
    public const string ListBuckets = "ListBuckets";
    public const string ListObjects = "ListObjects";
    public const string HeadBucket = "HeadBucket";
    public const string Key = "key";
    public const string Session = "session";

    private LocalGitHubServer _http = null!;

    public ConcurrentDictionary<(string Caller, string Operation), string> Replies { get; } = new()
    {
        [(Key, ListBuckets)] = "403:AccessDenied",
        [(Key, ListObjects)] = "403:AccessDenied",
        [(Key, HeadBucket)] = "403:AccessDenied",
    };

    /// <summary>Text every error message carries, e.g. to see whether something the server says is masked.</summary>
    public string ErrorMessage { get; set; } = "scripted";

    public ConcurrentQueue<(string Caller, string Operation, string? Bucket)> Requests { get; } = new();

    public string Url => _http.BaseAddress.AbsoluteUri.TrimEnd('/');

    public static async Task<LocalS3Server> StartAsync()
    {
        var server = new LocalS3Server();
        server._http = await LocalGitHubServer.StartAsync(server.HandleAsync);
        return server;
    }

    private async Task HandleAsync(RecordedRequest request, HttpResponse response)
    {
        var bucket = request.RawPath.Trim('/') is { Length: > 0 } path ? path : null;
        var operation = bucket is null ? ListBuckets : request.Method == "HEAD" ? HeadBucket : ListObjects;
        var caller = request.Authorization?.Contains($"Credential={LocalStsServer.SessionKeyId}/", StringComparison.Ordinal) == true
            ? Session
            : Key;
        Requests.Enqueue((caller, operation, bucket));
        var reply = Replies.GetValueOrDefault((caller, operation)) ?? "ok";
        if (reply == "drop")
        {
            response.HttpContext.Abort();
            return;
        }

        response.ContentType = "application/xml";
        if (reply != "ok")
        {
            var (status, code) = reply.Split(':', 2) is [var number, var text] ? (int.Parse(number, CultureInfo.InvariantCulture), text) : (403, reply);
            response.StatusCode = status;
            if (operation != HeadBucket) // a HEAD answer has no body, so S3's errors to it have no code
            {
                await response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code>" +
                                          $"<Message>{SecurityElement.Escape(ErrorMessage)}</Message><RequestId>req-s3</RequestId></Error>");
            }

            return;
        }

        response.Headers["x-amz-bucket-region"] = "us-east-1";
        await response.WriteAsync(operation switch
        {
            ListBuckets => "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" +
                           "<Owner><ID>owner</ID></Owner><Buckets><Bucket><Name>someone-elses</Name>" +
                           "<CreationDate>2024-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>",
            ListObjects => "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" +
                           $"<Name>{bucket}</Name><Prefix></Prefix><KeyCount>1</KeyCount><MaxKeys>10</MaxKeys><IsTruncated>false</IsTruncated>" +
                           "<Contents><Key>proof.txt</Key><Size>5</Size><LastModified>2024-01-01T00:00:00.000Z</LastModified></Contents></ListBucketResult>",
            _ => string.Empty,
        });
    }

    public ValueTask DisposeAsync() => _http.DisposeAsync();
}
