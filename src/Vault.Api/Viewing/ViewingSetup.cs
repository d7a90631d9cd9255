using Microsoft.AspNetCore.Authorization;
using Vault.Api.Recordings;

namespace Vault.Api.Viewing;

/// <summary>Viewing, access and feedback: the recording authorization handler, lists, comments, clips and the assessment.</summary>
internal static class ViewingSetup
{
    public static IServiceCollection AddViewing(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<IRecordingParticipation, RecordingParticipation>();
        services.AddScoped<IAuthorizationHandler, RecordingAuthorizationHandler>();
        services.AddScoped<RecordingAuthorizer>();
        services.AddScoped<IRecordingAttachments, ViewingAttachments>();
        return services;
    }

    public static void MapViewing(RouteGroupBuilder recordings)
    {
        RecordingLists.Map(recordings);
        CommentEndpoints.Map(recordings);
        ClipEndpoints.Map(recordings);
        AssessmentEndpoints.Map(recordings);
    }
}
