using SentimentKit.Devices;

namespace SentimentKit.Tests;

/// <summary>Theory data: every device this machine can run on (the CPU always, CUDA where present).</summary>
public static class AvailableDevices
{
    /// <summary>Gets one row per available device.</summary>
    public static TheoryData<string> All
    {
        get
        {
            var data = new TheoryData<string> { "cpu" };
            if (TorchBackend.IsCudaAvailable)
            {
                data.Add("cuda");
            }

            return data;
        }
    }
}
