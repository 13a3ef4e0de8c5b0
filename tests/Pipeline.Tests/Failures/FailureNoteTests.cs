using AssumeRolePipeline.Pipeline.Safety.Failures;

namespace AssumeRolePipeline.Pipeline.Tests.Failures;

public sealed class FailureNoteTests
{
    // What CommandException.Message looks like: the exit code, then the CLI's whole stdout and stderr.
    private const string FailedUp = """
        code: 255
        stdout: Updating (dev):
             Type                 Name              Status
         +   pulumi:pulumi:Stack  create-role-dev   **creating failed**
         +   └─ aws:iam:AccessKey key               **creating failed**
        Diagnostics:
          aws:iam:AccessKey (key):
            error: 1 error occurred:
            	* creating IAM Access Key (assume-role-pipeline-dev): LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2
          pulumi:pulumi:Stack (create-role-dev):
            error: update failed
        Resources:
            4 unchanged
        Duration: 3s

        stderr:
        """;

    [Fact]
    public void Pulumis_own_error_diagnostics_are_the_cause_and_the_generic_last_word_is_dropped()
    {
        var note = FailureNote.Summarize(FailedUp);

        Assert.Equal("1 error occurred: * creating IAM Access Key (assume-role-pipeline-dev): LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2", note);
    }

    [Fact]
    public void Only_the_generic_error_is_kept_when_it_is_all_there_is()
    {
        Assert.Equal("update failed", FailureNote.Summarize("code: 255\nstdout: \nstderr: error: update failed\n"));
    }

    [Fact]
    public void Without_diagnostics_the_first_meaningful_line_is_the_cause()
    {
        var note = FailureNote.Summarize("code: 255\nstdout: \nstderr: no Pulumi.yaml project file found (searching upwards from /x)\nmore\n");

        Assert.Equal("no Pulumi.yaml project file found (searching upwards from /x)", note);
    }

    [Fact]
    public void Nothing_meaningful_gives_no_note()
    {
        Assert.Null(FailureNote.Summarize("code: 255\nstdout: \nstderr: \n"));
        Assert.Null(FailureNote.Summarize(null));
    }

    [Fact]
    public void Many_diagnostics_give_at_most_three_and_a_long_one_is_shortened()
    {
        var text = string.Join("\n", Enumerable.Range(1, 6).Select(i => $"    error: problem {i} " + new string('x', 1_000)));

        var note = FailureNote.Summarize(text)!;

        Assert.Equal(FailureNote.MaxDiagnostics, note.Split("; ").Length);
        Assert.DoesNotContain("problem 4", note, StringComparison.Ordinal);
        Assert.True(note.Length <= FailureNote.MaxLength, $"{note.Length} characters");
    }

    [Fact]
    public void Cap_keeps_a_note_within_the_limit_and_says_it_was_cut()
    {
        var capped = FailureNote.Cap(new string('a', 10_000));

        Assert.Equal(FailureNote.MaxLength, capped.Length);
        Assert.EndsWith("…", capped, StringComparison.Ordinal);
        Assert.Equal("short", FailureNote.Cap("short"));
    }
}
