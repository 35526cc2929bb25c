using System.Globalization;

namespace SentimentKit.Modeling;

/// <summary>The checks that the model options share, each adding its message to the list of errors reported at once.</summary>
internal static class OptionErrors
{
    public static void AddAtLeastOne(List<string> errors, string name, int value)
    {
        if (value < 1)
        {
            errors.Add($"{name} must be at least 1 (was {value}).");
        }
    }

    public static void AddProbability(List<string> errors, string name, double value)
    {
        if (!(value >= 0 && value < 1))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be in [0, 1) (was {value})."));
        }
    }

    /// <summary>The vocabulary holds the padding and unknown ids.</summary>
    public static void AddVocabulary(List<string> errors, int vocabularySize, int padId, int unkId)
    {
        if (vocabularySize < 2)
        {
            errors.Add($"VocabularySize must be at least 2, for the padding and unknown ids (was {vocabularySize}).");
            return;
        }

        if (padId >= vocabularySize)
        {
            errors.Add($"PadId ({padId}) must be below VocabularySize ({vocabularySize}).");
        }

        if (unkId >= vocabularySize)
        {
            errors.Add($"UnkId ({unkId}) must be below VocabularySize ({vocabularySize}).");
        }
    }
}
