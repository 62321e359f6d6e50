package dev.plughub.host.scopes;

import dev.plughub.host.observability.LogBuffer;
import dev.plughub.plugin.RequiresScope;
import dev.plughub.plugin.ScopeDeniedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

/**
 * The host services plugins may use, each handed out as a proxy that checks the method's
 * {@link RequiresScope} against the plugin's grants at the moment of every call — so a revoke
 * takes effect on the next call, without a restart. A refusal throws {@link ScopeDeniedException}
 * and is logged to the plugin's own log at WARNING.
 */
public final class GuardedServices {

    private final Map<Class<?>, Object> services;
    private final ScopeGrants grants;
    private final LogBuffer logs;

    public GuardedServices(Map<Class<?>, Object> services, ScopeGrants grants, LogBuffer logs) {
        this.services = Map.copyOf(services);
        this.grants = grants;
        this.logs = logs;
    }

    /** The guarded view of {@code type} for {@code pluginId}; empty when the host offers no such service. */
    public <T> Optional<T> view(String pluginId, Class<T> type) {
        Object target = services.get(type);
        if (target == null || !type.isInterface()) {
            return Optional.empty();
        }
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new Guard(pluginId, type, target));
        return Optional.of(type.cast(proxy));
    }

    private final class Guard implements InvocationHandler {
        private final String pluginId;
        private final Class<?> type;
        private final Object target;

        Guard(String pluginId, Class<?> type, Object target) {
            this.pluginId = pluginId;
            this.type = type;
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "guarded " + type.getSimpleName() + " for " + pluginId;
                };
            }
            RequiresScope required = method.getAnnotation(RequiresScope.class);
            if (required != null && !grants.allows(pluginId, required.value())) {
                String operation = "call " + type.getSimpleName() + "." + method.getName();
                logs.loggerFor(pluginId).log(System.Logger.Level.WARNING,
                        "refused: " + operation + " needs scope " + required.value() + ", which is not granted");
                throw new ScopeDeniedException(pluginId, required.value(), operation);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();   // the service's own exception, as if called directly
            }
        }
    }
}
