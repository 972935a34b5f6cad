using AuthPlane.Sample.McpServer;

// Everything the sample does lives in SampleServer, so the tests can start the very same server.
await using var server = await SampleServer.StartAsync(args);
Console.WriteLine(server.Describe());
await server.App.WaitForShutdownAsync();
