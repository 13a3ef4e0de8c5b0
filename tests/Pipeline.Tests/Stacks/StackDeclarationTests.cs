using AssumeRolePipeline.Contracts.Validation;
using AssumeRolePipeline.Pipeline.Settings;

namespace AssumeRolePipeline.Pipeline.Tests.Stacks;

public sealed class StackDeclarationTests
{
    private const string Source = "stacks.yml";

    private const string TwoStacks = """
        stacks:
          - name: dev
            environments:
              privileged: dev-privileged
              unprivileged: dev-unprivileged
              preview: dev-preview
          - name: prod
            promote-after: dev
            environments:
              privileged: prod-privileged
              unprivileged: prod-unprivileged
              preview: prod-preview
        """;

    private static string Message(string yaml) =>
        Assert.Throws<InvalidInputException>(() => StackDeclaration.Parse(yaml, Source)).Message;

    private static string Stack(string name, string environments, string extra = "") => $"""
          - name: {name}{extra}
            environments:
        {environments}
        """;

    private static string Environments(string prefix) => $"""
              privileged: {prefix}-privileged
              unprivileged: {prefix}-unprivileged
              preview: {prefix}-preview
        """;

    [Fact]
    public void The_repository_declares_dev_then_prod_promoted_after_it_each_with_its_own_environments()
    {
        var declaration = StackDeclaration.Load(Path.Combine(RepositoryRoot.Path, StackDeclaration.RelativePath));

        Assert.Equal(
            [
                new DeclaredStack("dev", "aws-privileged", "aws-unprivileged", "aws-preview", null),
                new DeclaredStack("prod", "aws-prod-privileged", "aws-prod-unprivileged", "aws-prod-preview", "dev"),
            ],
            declaration.Stacks);
    }

    [Fact]
    public void Reads_each_stack_in_the_order_declared()
    {
        var declaration = StackDeclaration.Parse(TwoStacks, Source);

        Assert.Equal(["dev", "prod"], declaration.Stacks.Select(s => s.Name));
        Assert.Equal(new DeclaredStack("prod", "prod-privileged", "prod-unprivileged", "prod-preview", "dev"), declaration.Require("prod"));
        Assert.Equal(Source, declaration.Source);
    }

    [Theory]
    [InlineData("dve")]
    [InlineData("Dev")]
    [InlineData("")]
    [InlineData(null)]
    public void A_stack_name_that_is_not_declared_fails_naming_it_and_the_declared_ones(string? name)
    {
        var declaration = StackDeclaration.Parse(TwoStacks, Source);

        var error = Assert.Throws<InvalidInputException>(() => declaration.Require(name));

        Assert.Equal("stack name (--stack)", error.Error.Input);
        Assert.Equal(name, error.Error.Value);
        Assert.EndsWith("one of the stacks declared in stacks.yml: dev, prod.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("prod-unprivileged")]
    [InlineData("Prod-Unprivileged")]
    [InlineData(null)]
    [InlineData("")]
    public void The_hand_off_goes_to_the_declared_unprivileged_environment(string? given)
    {
        var declaration = StackDeclaration.Parse(TwoStacks, Source);

        Assert.Equal("prod-unprivileged", declaration.RequireUnprivilegedEnvironment("prod", given));
    }

    [Theory]
    [InlineData("dev-unprivileged")]
    [InlineData("prod-privileged")]
    [InlineData("aws-unprivileged")]
    public void A_hand_off_to_an_environment_the_stack_does_not_declare_fails_with_the_declared_one(string given)
    {
        var declaration = StackDeclaration.Parse(TwoStacks, Source);

        var error = Assert.Throws<InvalidInputException>(() => declaration.RequireUnprivilegedEnvironment("prod", given));

        Assert.Equal(
            $"The unprivileged environment (--unprivileged-environment) '{given}' is invalid: the one stacks.yml declares for stack prod: prod-unprivileged.",
            error.Message);
    }

    [Fact]
    public void A_hand_off_for_an_undeclared_stack_fails_on_the_stack_name()
    {
        var declaration = StackDeclaration.Parse(TwoStacks, Source);

        var error = Assert.Throws<InvalidInputException>(() => declaration.RequireUnprivilegedEnvironment("staging", "prod-unprivileged"));

        Assert.Equal("stack name (--stack)", error.Error.Input);
    }

    [Fact]
    public void A_missing_file_fails_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "stacks.yml");

        var error = Assert.Throws<InvalidInputException>(() => StackDeclaration.Load(path));

        Assert.StartsWith($"The stack declaration '{path}' is invalid: a readable file that declares the stacks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_promotion_after_a_stack_not_declared_above_fails_with_its_line_and_the_stacks_above()
    {
        var yaml = TwoStacks.Replace("promote-after: dev", "promote-after: dve", StringComparison.Ordinal);

        Assert.Equal(
            "The promote-after of stack prod (stacks.yml, line 8) 'dve' is invalid: the name of a stack declared above this one: dev.",
            Message(yaml));
    }

    [Fact]
    public void A_stack_promoted_after_one_declared_below_it_fails()
    {
        var yaml = "stacks:\n" + Stack("prod", Environments("prod"), "\n    promote-after: dev") + "\n" + Stack("dev", Environments("dev"));

        Assert.Contains("The promote-after of stack prod (stacks.yml, line 3) 'dev' is invalid: the name of a stack declared above this one, and there is none.",
            Message(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stack_promoted_after_itself_fails()
    {
        var yaml = "stacks:\n" + Stack("dev", Environments("dev"), "\n    promote-after: dev");

        Assert.Contains("promote-after of stack dev", Message(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_stacks_of_one_name_fail()
    {
        var yaml = "stacks:\n" + Stack("dev", Environments("a")) + "\n" + Stack("dev", Environments("b"));

        Assert.Equal("The name of a stack (stacks.yml, line 7) 'dev' is invalid: a name no other stack has.", Message(yaml));
    }

    [Theory]
    [InlineData("dev-privileged")]
    [InlineData("DEV-PREVIEW")]
    public void An_environment_shared_by_two_stacks_fails(string shared)
    {
        var prod = Environments("prod").Replace("prod-unprivileged", shared, StringComparison.Ordinal);
        var yaml = "stacks:\n" + Stack("dev", Environments("dev")) + "\n" + Stack("prod", prod);

        var message = Message(yaml);

        Assert.StartsWith($"The environments.unprivileged of stack prod (stacks.yml, line 10) '{shared}' is invalid: an environment of this stack alone", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_preview_environment_that_is_also_the_privileged_one_fails()
    {
        var environments = Environments("dev").Replace("dev-preview", "dev-privileged", StringComparison.Ordinal);

        Assert.Contains("would open it to every branch", Message("stacks:\n" + Stack("dev", environments)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("privileged")]
    [InlineData("unprivileged")]
    [InlineData("preview")]
    public void A_missing_or_empty_environment_fails_naming_which(string key)
    {
        var without = string.Join('\n', Environments("dev").Split('\n').Where(l => !l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)));
        var empty = Environments("dev").Replace($"{key}: dev-{key}", $"{key}: \"\"", StringComparison.Ordinal);

        Assert.Equal($"The environments.{key} of stack dev (stacks.yml, line 4) is missing: the name of a GitHub environment.", Message("stacks:\n" + Stack("dev", without)));
        Assert.Equal($"The environments.{key} of stack dev (stacks.yml, line 4) is missing: the name of a GitHub environment.", Message("stacks:\n" + Stack("dev", empty)));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("aws/unprivileged")]
    public void An_environment_name_GitHub_would_misroute_fails_with_the_rule(string name)
    {
        var yaml = "stacks:\n" + Stack("dev", Environments("dev").Replace("unprivileged: dev-unprivileged", $"unprivileged: \"{name}\"", StringComparison.Ordinal));

        var message = Message(yaml);

        Assert.StartsWith($"The environments.unprivileged of stack dev (stacks.yml, line", message, StringComparison.Ordinal);
        Assert.Contains(name, message, StringComparison.Ordinal);
        Assert.Contains("with no '/' or control characters, and not '.' or '..'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev stack", "letters, digits, -, _ and .")]
    [InlineData("a/b/c/d", "letters, digits, -, _ and .")]
    public void A_stack_name_that_pulumi_would_refuse_fails_with_the_rule(string name, string rule)
    {
        var message = Message("stacks:\n" + Stack(name, Environments("x")));

        Assert.StartsWith($"The name of a stack (stacks.yml, line 2) '{name}' is invalid: {rule}", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    region: us-east-1\n", "The key in stack dev (stacks.yml, line 7) 'region' is invalid: one of name, promote-after, environments, reviewers, accept-risk.")]
    [InlineData("      production: x\n", "The key in environments of stack dev (stacks.yml, line 7) 'production' is invalid: one of privileged, unprivileged, preview.")]
    public void A_misspelt_or_unknown_key_fails_instead_of_being_ignored(string extraLine, string expected)
    {
        var yaml = "stacks:\n" + Stack("dev", Environments("dev")) + "\n" + extraLine;

        Assert.Equal(expected, Message(yaml));
    }

    [Theory]
    [InlineData("", "The stack declaration (stacks.yml) is missing: one YAML document with the key 'stacks'.")]
    [InlineData("stacks: []", "The 'stacks' (stacks.yml, line 1) is missing: a list of at least one stack.")]
    [InlineData("stack:\n  - name: dev", "The key in the stack declaration (stacks.yml, line 1) 'stack' is invalid: one of stacks, review.")]
    [InlineData("- dev\n- prod", "The stack declaration (stacks.yml, line 1) is missing: a mapping with the key 'stacks'.")]
    [InlineData("stacks:\n  - dev", "The entry of 'stacks' (stacks.yml, line 2) is missing: a mapping with name and environments (and optionally promote-after).")]
    public void A_file_of_the_wrong_shape_fails_saying_what_is_expected(string yaml, string expected)
    {
        Assert.Equal(expected, Message(yaml));
    }

    [Fact]
    public void Malformed_yaml_fails_with_its_line()
    {
        var message = Message("stacks:\n  - name: dev\n    environments: [unclosed\n");

        Assert.StartsWith("The stack declaration (stacks.yml, line ", message, StringComparison.Ordinal);
        Assert.Contains("is missing: valid YAML: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_twice_fails()
    {
        var yaml = "stacks:\n" + Stack("dev", Environments("dev")) + "\n    name: again\n";

        Assert.StartsWith("The stack declaration (stacks.yml, line ", Message(yaml), StringComparison.Ordinal);
    }
}
