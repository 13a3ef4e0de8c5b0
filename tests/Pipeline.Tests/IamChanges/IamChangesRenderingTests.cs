using AssumeRolePipeline.Pipeline.Safety.IamChanges;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using static AssumeRolePipeline.Pipeline.Tests.IamChanges.IamFixtures;

namespace AssumeRolePipeline.Pipeline.Tests.IamChanges;

public sealed class IamChangesRenderingTests
{
    private static readonly MarkdownPipeline GitHubFlavour = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>A preview of create-role: a narrowed role policy, a trust policy opened to anyone, a new attachment.</summary>
    private static IReadOnlyList<IamResourceChange> Preview() => IamChangeAnalyzer.Analyze(
    [
        Update(RolePolicy, "s3-management",
            RolePolicyInputs(Statements("""{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::a|b/*"}""")),
            RolePolicyInputs(Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::a|b/*","Condition":{"StringLike":{"s3:prefix":"`x`"}}}"""))),
        Update(Role, RoleName, RoleInputs(Trust($$"""{"AWS":"{{UserArn}}"}""")), RoleInputs(Trust("\"*\""))),
        Step("Create", "aws:iam/userPolicyAttachment:UserPolicyAttachment", "admin", null,
            Inputs(("user", "unprivileged-dev"), ("policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"))),
        Update(RolePolicy, "later", RolePolicyInputs(Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""")), RolePolicyInputs(Unknown)),
    ]);

    private static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, GitHubFlavour);

    private static List<List<string>> Cells(Table table) =>
        table.Cast<TableRow>().Select(row => row.Cast<TableCell>().Select(cell =>
            string.Concat(cell.Descendants<LiteralInline>().Select(l => l.Content.ToString())
                .Concat(cell.Descendants<CodeInline>().Select(c => c.Content)))).ToList()).ToList();

    [Fact]
    public void Nothing_to_show_renders_nothing()
    {
        Assert.Equal(string.Empty, IamChangesMarkdown.Render([]));
        Assert.Empty(IamChangesConsole.Lines([]));
    }

    [Fact]
    public void Has_the_heading_and_one_table_per_policy_broadening_first()
    {
        var markdown = IamChangesMarkdown.Render(Preview().Reverse().ToList());
        var document = Parse(markdown);
        var inStepOrder = Parse(IamChangesMarkdown.Render(Preview().ToList()));

        var heading = Assert.IsType<HeadingBlock>(document[0]);
        Assert.Equal(3, heading.Level);
        Assert.StartsWith(IamChangesMarkdown.Heading + "\n", markdown, StringComparison.Ordinal);
        Assert.Equal(4, document.Descendants<Table>().Count());
        // Broadening first (among them, in the order given), then what may broaden, then the rest.
        var first = Cells(inStepOrder.Descendants<Table>().First());
        Assert.Equal(["change", "effect", "who", "can do", "on", "conditions"], first[0]);
        Assert.Equal("⚠️ added", first[1][0]);
        Assert.Equal(["removed", "Allow", UserArn, "sts:AssumeRole", "—", "—"], first[2]);
        var order = new[] { "`admin`", "`allow-s3-management-dev`", "`later`", "`s3-management`" }
            .Select(name => markdown.IndexOf(name + " (", markdown.IndexOf("· ", StringComparison.Ordinal), StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public void Says_what_broadens_before_any_table()
    {
        var markdown = IamChangesMarkdown.Render(Preview().ToList());
        var document = Parse(markdown);

        var summary = Assert.IsType<QuoteBlock>(document[1]);
        var text = markdown.Substring(summary.Span.Start, summary.Span.Length);
        Assert.Contains("**Broadens access:**", text, StringComparison.Ordinal);
        Assert.Contains("role `allow-s3-management-dev` (trust)", text, StringComparison.Ordinal);
        Assert.Contains("user policy attachment `admin` (attachment)", text, StringComparison.Ordinal);
        Assert.IsType<QuoteBlock>(document[2]);
        Assert.Contains("**❔ may broaden access** · role policy `later` (policy): a value is known only after the update", markdown, StringComparison.Ordinal);
        Assert.Contains("**⚠️ broadens access** · role `allow-s3-management-dev` (trust): adds principal \\*\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Pipes_and_backticks_in_values_stay_inside_their_cell()
    {
        var markdown = IamChangesMarkdown.Render(Preview().ToList());
        var table = Parse(markdown).Descendants<Table>().Last();

        var cells = Cells(table);
        Assert.All(cells, row => Assert.Equal(6, row.Count));
        var added = cells.Single(row => row[0] == "added");
        // GitHub reads \| inside code in a table as | (GFM spec, example 200); Markdig keeps the backslash.
        Assert.Equal(@"arn:aws:s3:::a\|b/*", added[4]);
        Assert.Equal(": StringLike s3:prefix`x`", added[5]); // the literal ": " then the two code spans
        Assert.Contains(": `` `x` `` |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_values_are_written_as_unknown_not_as_the_placeholder()
    {
        var markdown = IamChangesMarkdown.Render(Preview().ToList());

        Assert.Contains("*unknown \\(known after the update\\)*", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain(Unknown, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Attachments_memberships_and_exclusive_lists_have_their_own_columns()
    {
        var changes = IamChangeAnalyzer.Analyze(
        [
            Step("Create", "aws:iam/userGroupMembership:UserGroupMembership", "m", null, Inputs(("user", "alice"), ("groups", new List<object?> { "admins" }))),
            Step("Create", "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive", "x", null, Inputs(("roleName", "r"), ("policyNames", new List<object?> { "p" }))),
            Step("Create", "aws:iam/policy:Policy", "secret", null, Inputs(("policy", new Dictionary<string, object?>
            {
                ["4dabf18193072939515e22adb298388d"] = "1b47061264138c4ac30d75fd1eb44270", ["value"] = "{}",
            }))),
            Step("Create", RolePolicy, "deny", null, RolePolicyInputs(Statements("""{"Effect":"Deny","Action":"*","Resource":"*"}"""))),
        ]);

        var markdown = IamChangesMarkdown.Render(changes);
        var headers = Parse(markdown).Descendants<Table>().Select(t => string.Join(",", Cells(t)[0])).ToList();

        Assert.Equal(["change,who,group", "change,who,may keep", "change,effect,who,can do,on,conditions", "change,effect,who,can do,on,conditions"], headers);
        Assert.Contains("| ❔ added | — | \\[secret\\] | \\[secret\\] | \\[secret\\] | — |", markdown, StringComparison.Ordinal);
        Assert.Contains("does not broaden access · role policy `deny` (policy)\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Console_lines_put_broadening_first_with_one_line_per_row()
    {
        var lines = IamChangesConsole.Lines(Preview().ToList());

        Assert.Equal("IAM changes:", lines[0]);
        Assert.Equal("  role allow-s3-management-dev (trust) BROADENS ACCESS: adds principal *", lines[1]);
        Assert.Equal("    ! + Allow who: *  what: sts:AssumeRole", lines[2]);
        Assert.Equal($"    - Allow who: {UserArn}  what: sts:AssumeRole", lines[3]);
        Assert.Contains("  role policy later (policy) MAY BROADEN ACCESS: a value is known only after the update", lines);
        Assert.Contains($"    ? + who: {IamValue.UnknownText}  what: {IamValue.UnknownText}  on: {IamValue.UnknownText}", lines);
        Assert.Contains("  role policy s3-management (policy) does not broaden access", lines);
        Assert.Contains($"    + Allow who: role {RoleName}  what: s3:GetObject  on: arn:aws:s3:::a|b/*  if: StringLike s3:prefix `x`", lines);
        Assert.DoesNotContain(lines, line => line.Contains('\n', StringComparison.Ordinal));
    }

    [Fact]
    public void The_gate_asks_for_the_flag_naming_what_broadens()
    {
        var trustOnly = IamChangeAnalyzer.Analyze([Update(Role, RoleName, RoleInputs(Trust($$"""{"AWS":"{{UserArn}}"}""")), RoleInputs(Trust("\"*\"")))]);

        var decision = IamBroadeningGate.Decide("create-role/dev", trustOnly);

        Assert.True(decision.RequiresAllowFlag);
        Assert.Equal(
            "create-role/dev: the preview broadens IAM access (role allow-s3-management-dev: trust adds principal *): review it, then run again with --allow-iam-broadening",
            decision.Message);
    }

    [Fact]
    public void The_gate_names_every_broadening_resource_and_the_unknown_ones()
    {
        var decision = IamBroadeningGate.Decide("create-role/dev", Preview());

        Assert.True(decision.RequiresAllowFlag);
        Assert.Contains("role allow-s3-management-dev: trust adds principal *; ", decision.Message, StringComparison.Ordinal);
        Assert.Contains("user policy attachment admin: attaches arn:aws:iam::aws:policy/AdministratorAccess to user unprivileged-dev; ", decision.Message, StringComparison.Ordinal);
        Assert.Contains("role policy later: policy may broaden: a value is known only after the update)", decision.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3-management:", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_stops_for_a_change_that_may_broaden_and_says_may()
    {
        var unknownOnly = IamChangeAnalyzer.Analyze([Update(RolePolicy, "later",
            RolePolicyInputs(Statements("""{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}""")), RolePolicyInputs(Unknown))]);

        var decision = IamBroadeningGate.Decide("create-role/dev", unknownOnly);

        Assert.True(decision.RequiresAllowFlag);
        Assert.StartsWith("create-role/dev: the preview may broaden IAM access (", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_lets_a_narrowing_preview_through_and_shortens_long_reasons()
    {
        var narrowing = IamChangeAnalyzer.Analyze([Step("Delete", RolePolicy, "p", RolePolicyInputs(Statements("""{"Effect":"Allow","Action":"s3:*","Resource":"*"}""")), null)]);
        Assert.Equal(new IamGateDecision(false, null), IamBroadeningGate.Decide("create-role/dev", narrowing));

        var many = IamChangeAnalyzer.Analyze([Step("Create", "aws:iam/groupMembership:GroupMembership", "m", null,
            Inputs(("group", "admins"), ("users", new List<object?> { "a", "b", "c", "d", "e" })))]);
        var decision = IamBroadeningGate.Decide("create-role/dev", many);
        Assert.Contains("group membership m: adds user a to group admins, adds user b to group admins, adds user c to group admins and 2 more)", decision.Message, StringComparison.Ordinal);
    }
}
