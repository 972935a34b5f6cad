using System.Reflection;
using AuthPlane.Sdk.AspNetCore;
using AuthPlane.Sdk.Client;
using AuthPlane.Sdk.Discovery;
using AuthPlane.Sdk.Redis;
using AuthPlane.Sdk.Testing;

using Xunit;

namespace AuthPlane.Sdk.Tests.PublicApi;

/// <summary>Every exception a user can see derives from <see cref="AuthPlaneException"/>, is named for it and can be built the standard way.</summary>
public sealed class ExceptionTypeTests
{
    private static readonly Assembly[] ShippedAssemblies =
    [
        typeof(AuthPlaneOptions).Assembly,
        typeof(AuthPlaneAspNetCoreOptions).Assembly,
        typeof(RedisReplayCacheOptions).Assembly,
        typeof(TestAuthority).Assembly,
    ];

    // Types defined by data they cannot do without: an OAuth error is its error code; a consent answer is its consent
    // URL (the MCP consent elicitation sends the user there). Each still takes a message through its data constructor.
    private static readonly Type[] DataDefinedExceptions = [typeof(AuthPlaneOAuthException), typeof(AuthPlaneConsentRequiredException)];

    private static readonly Type[][] StandardSignatures = [[], [typeof(string)], [typeof(string), typeof(Exception)]];

    public static TheoryData<Type> PublicExceptionTypes() => new(ExportedExceptionTypes());

    [Fact]
    public void The_shipped_assemblies_expose_the_known_exception_types_and_no_other()
    {
        var names = ExportedExceptionTypes().Select(static type => type.FullName!).ToArray();

        Assert.Equal(
            [
                "AuthPlane.Sdk.AuthPlaneException",
                "AuthPlane.Sdk.Client.AuthPlaneClientAuthenticationException",
                "AuthPlane.Sdk.Client.AuthPlaneConsentRequiredException",
                "AuthPlane.Sdk.Client.AuthPlaneOAuthException",
                "AuthPlane.Sdk.Client.AuthPlaneProtocolException",
                "AuthPlane.Sdk.Client.AuthPlaneServerException",
                "AuthPlane.Sdk.Discovery.AuthPlaneAuthorityMetadataException",
            ],
            names);
    }

    [Theory]
    [MemberData(nameof(PublicExceptionTypes))]
    public void Each_public_exception_derives_from_AuthPlaneException_and_is_named_AuthPlane_something_Exception(Type type)
    {
        Assert.True(typeof(AuthPlaneException).IsAssignableFrom(type), $"{type} does not derive from {nameof(AuthPlaneException)}");
        Assert.StartsWith("AuthPlane", type.Name, StringComparison.Ordinal);
        Assert.EndsWith("Exception", type.Name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PublicExceptionTypes))]
    public void Each_public_exception_has_the_standard_constructors_unless_its_data_defines_it(Type type)
    {
        var missing = StandardSignatures.Where(signature => StandardConstructor(type, signature) is null).ToArray();

        if (DataDefinedExceptions.Contains(type))
        {
            Assert.Equal(StandardSignatures.Length, missing.Length); // no half-standard set: either all three or none
        }
        else
        {
            Assert.Empty(missing);
        }
    }

    [Theory]
    [MemberData(nameof(PublicExceptionTypes))]
    public void The_message_and_cause_constructor_keeps_both(Type type)
    {
        if (type.IsAbstract || DataDefinedExceptions.Contains(type))
        {
            return;
        }

        var cause = new InvalidOperationException("cause");

        var exception = (Exception)StandardConstructor(type, [typeof(string), typeof(Exception)])!.Invoke(["the message", cause]);

        Assert.Equal("the message", exception.Message);
        Assert.Same(cause, exception.InnerException);
        Assert.False(string.IsNullOrEmpty(((Exception)StandardConstructor(type, [])!.Invoke([])).Message));
    }

    [Fact]
    public void Message_only_constructors_give_the_oauth_error_their_type_implies()
    {
        Assert.Equal(("temporarily_unavailable", OAuthErrorKind.ServerError, (int?)null), Describe(new AuthPlaneServerException("down")));
        Assert.Equal(("protocol_error", OAuthErrorKind.ProtocolError, (int?)null), Describe(new AuthPlaneProtocolException("bad json")));
        Assert.Equal(("invalid_client", OAuthErrorKind.InvalidClient, (int?)null), Describe(new AuthPlaneClientAuthenticationException("rejected")));
        Assert.Equal(AuthorityMetadataFailure.Unreachable, new AuthPlaneAuthorityMetadataException("down").Failure);

        static (string, OAuthErrorKind, int?) Describe(AuthPlaneOAuthException e) => (e.Error, e.Kind, e.StatusCode);
    }

    private static Type[] ExportedExceptionTypes() =>
        [.. ShippedAssemblies
            .SelectMany(static assembly => assembly.GetExportedTypes())
            .Where(static type => typeof(Exception).IsAssignableFrom(type))
            .OrderBy(static type => type.FullName, StringComparer.Ordinal)];

    /// <summary>The public constructor (protected for an abstract type) with exactly <paramref name="signature"/>.</summary>
    private static ConstructorInfo? StandardConstructor(Type type, Type[] signature)
    {
        var constructor = type.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, signature);
        return constructor is null ? null
            : type.IsAbstract ? (constructor.IsFamily ? constructor : null)
            : (constructor.IsPublic ? constructor : null);
    }
}
