namespace Mandate.Core.Gateway;

/// <summary>What a listing showed about a tool, compared with what was recorded.</summary>
public enum ToolChangeKind
{
    /// <summary>The approved definition (or the pending one of a held tool) again.</summary>
    Unchanged = 0,

    /// <summary>Seen for the first time; recorded as approved.</summary>
    New = 1,

    /// <summary>Only the annotations changed: benign, the level can only rise.</summary>
    AnnotationsChanged = 2,

    /// <summary>Name, description or a schema changed: held at Deny until approved.</summary>
    DefinitionChanged = 3,

    /// <summary>A held tool is back at its approved definition: the hold is lifted.</summary>
    Reverted = 4,
}
