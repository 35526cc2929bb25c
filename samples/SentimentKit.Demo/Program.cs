// The `sentimentkit` command: demo, train, evaluate, predict (see README and DESIGN.md).
return await SentimentKit.Demo.Cli.RunAsync(args);
