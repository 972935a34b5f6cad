namespace AuthPlane.Sdk;

/// <summary>
/// Base of every exception the AuthPlane SDK throws: catching it catches every SDK failure (an OAuth error answer,
/// an unreachable or failing authority, a protocol violation, untrustworthy authority metadata). Argument and
/// configuration mistakes of the calling code stay <see cref="ArgumentException"/> and
/// <see cref="InvalidOperationException"/>.
/// </summary>
public abstract class AuthPlaneException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    protected AuthPlaneException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The exception message.</param>
    protected AuthPlaneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The exception message.</param>
    /// <param name="innerException">The cause, when any.</param>
    protected AuthPlaneException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
