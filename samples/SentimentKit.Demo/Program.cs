// The `sentimentkit` command. The training verbs of DESIGN.md arrive with the facade; what the
// library can do today is choose and describe its device.

return SentimentKit.Demo.Cli.Run(args);
