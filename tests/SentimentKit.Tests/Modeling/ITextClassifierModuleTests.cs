using SentimentKit.Modeling;
using SentimentKit.Sequences;
using SentimentKit.Text;
using TorchSharp;
using static TorchSharp.torch;

namespace SentimentKit.Tests.Modeling;

public class ITextClassifierModuleTests
{
    [Fact]
    public void GenericLoop_RnnClassifier_LossFalls()
    {
        torch.manual_seed(1);
        int[][] inputs = [[2, 3, 4], [5, 6], [2, 4, 3, 3], [6, 5, 5], [3, 2], [6]];
        int[] labels = [1, 0, 1, 0, 1, 0];
        using var model = new RnnClassifier(new RnnClassifierOptions { VocabularySize = 8, EmbeddingSize = 8, HiddenSize = 8, HeadHiddenSize = 8, HeadDropout = 0, Dropout = 0 });

        var (first, last) = Train(model, inputs, labels);

        last.Should().BeLessThan(first / 2);
    }

    [Fact]
    public void GenericLoop_TransformerClassifier_LossFalls()
    {
        torch.manual_seed(1);
        int[][] inputs = [[2, 3, 4], [5, 6], [2, 4, 3, 3], [6, 5, 5], [3, 2], [6]];
        int[] labels = [1, 0, 1, 0, 1, 0];
        using var model = new TransformerClassifier(new TransformerClassifierOptions
        {
            VocabularySize = 8, HiddenSize = 8, Layers = 1, AttentionHeads = 2, IntermediateSize = 16, MaxPositions = 8,
            HiddenDropout = 0, AttentionDropout = 0, HeadDropout = 0, UnkId = 1,
        });

        var (first, last) = Train(model, inputs, labels);

        last.Should().BeLessThan(first / 2);
    }

    [Fact]
    public void GenericLoop_BagOfNgramsClassifier_LossFalls()
    {
        SparseDocument[] inputs = [new([0], [1f]), new([1], [1f]), new([0, 2], [1f, 1f]), new([1, 2], [1f, 1f]), new([0], [0.5f]), new([1], [0.5f])];
        int[] labels = [1, 0, 1, 0, 1, 0];
        using var model = new BagOfNgramsClassifier(featureCount: 3);

        var (first, last) = Train(model, inputs, labels);

        last.Should().BeLessThan(first / 2);
    }

    [Fact]
    public void GenericLoop_TransformerClassifier_LiveTensorCountReturnsToStart()
    {
        torch.manual_seed(9);
        using var model = new TransformerClassifier(TransformerClassifierTests.Tiny(dropout: 0.1));
        using var optimizer = optim.AdamW(model.parameters());

        var (start, end) = CountLiveTensors(model, optimizer, [[2, 3, 4, 5, 6], [7], [], [8, 9]], [0, 1, 2, 0], steps: 20);

        end.Should().Be(start);
    }

    /// <summary>
    /// Live tensors before and after <paramref name="steps"/> training steps, counted once the
    /// first two steps have made the gradients and the optimizer state (which live on).
    /// </summary>
    internal static (long Start, long End) CountLiveTensors<TInput>(ITextClassifierModule<TInput> model, optim.Optimizer optimizer, IReadOnlyList<TInput> inputs, int[] labels, int steps)
    {
        void Step()
        {
            // The model's calls run outside any dispose scope, so a tensor escaping the model's
            // own scope would stay live. zero_grad gets a scope because TorchSharp's optimizers
            // wrap each gradient in a new tensor there.
            using var batch = model.CreateBatch(inputs, labels);
            using (torch.NewDisposeScope())
            {
                optimizer.zero_grad();
            }

            using var logits = model.ForwardBatch(batch);
            using var loss = nn.functional.cross_entropy(logits, batch.Labels!);
            loss.backward();
            optimizer.step();
        }

        model.TorchModule.train();
        Step();
        Step();
        var start = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var step = 0; step < steps; step++)
        {
            Step();
        }

        return (start, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    // What a trainer does, written once for any model: no test of the concrete type.
    private static (float First, float Last) Train<TInput>(ITextClassifierModule<TInput> model, IReadOnlyList<TInput> inputs, int[] labels)
    {
        var sampler = new BucketBatchSampler(inputs.Select(model.GetLength).ToArray(), batchSize: 3, seed: 0);
        using var optimizer = optim.Adam(model.TorchModule.parameters(), lr: 0.05);
        model.TorchModule.train();
        var losses = new List<float>();
        for (var epoch = 0; epoch < 15; epoch++)
        {
            var total = 0f;
            foreach (var indices in sampler.GetBatches(epoch))
            {
                using var scope = torch.NewDisposeScope();
                using var batch = model.CreateBatch(indices.Select(i => inputs[i]).ToArray(), indices.Select(i => labels[i]).ToArray());
                optimizer.zero_grad();
                var logits = model.ForwardBatch(batch);
                logits.shape.Should().Equal(batch.Count, model.ClassCount);
                var loss = nn.functional.cross_entropy(logits, batch.Labels!);
                loss.backward();
                optimizer.step();
                total += loss.item<float>() * batch.Count;
            }

            losses.Add(total / inputs.Count);
        }

        return (losses[0], losses[^1]);
    }
}
