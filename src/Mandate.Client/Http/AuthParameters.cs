namespace Mandate.Client.Http;

/// <summary>
/// Reads the auth-params of one challenge (RFC 9110 §11.2): <c>name=token</c> or <c>name="quoted string"</c>,
/// comma-separated. Tolerant: malformed input gives what could be read, never an exception.
/// </summary>
internal static class AuthParameters
{
    /// <summary>The value of parameter <paramref name="name"/> (case-insensitive), unquoted; null when absent.</summary>
    public static string? Find(string? parameters, string name)
    {
        if (string.IsNullOrEmpty(parameters))
        {
            return null;
        }

        var i = 0;
        while (i < parameters.Length)
        {
            while (i < parameters.Length && (parameters[i] is ' ' or '\t' or ','))
            {
                i++;
            }

            var equals = parameters.IndexOf('=', i);
            if (equals < 0)
            {
                return null;
            }

            var key = parameters[i..equals].Trim();
            var value = ReadValue(parameters, equals + 1, out i);
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static string ReadValue(string text, int start, out int end)
    {
        var i = start;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i < text.Length && text[i] == '"')
        {
            var value = new System.Text.StringBuilder();
            for (i++; i < text.Length && text[i] != '"'; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                value.Append(text[i]);
            }

            end = Math.Min(i + 1, text.Length);
            return value.ToString();
        }

        var comma = text.IndexOf(',', i);
        end = comma < 0 ? text.Length : comma;
        return text[i..end].Trim();
    }
}
